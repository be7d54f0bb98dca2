package io.github.chanuka.database.embedded;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterDirectory}.
 */
class ClusterDirectoryTests {

	@TempDir
	Path parent;

	@Test
	void reapingInTheJvmThatHoldsAClusterKeepsItLockedAgainstOtherJvms() throws Exception {
		try (ClusterDirectory live = ClusterDirectory.create(this.parent)) {
			// a second cluster started in this JVM reaps first; it must not release this JVM's lock
			ClusterDirectory.reapStale(this.parent, this.parent.resolve("no-postgres"));
			Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
			Process other = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
					ReapClusters.class.getName(), this.parent.toString()))
				.inheritIO()
				.start();
			assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(live.path()).as("live cluster directory after another JVM reaped").isDirectory();
		}
	}

	@Test
	void aClusterWhoseLockIsFreeIsReaped() throws Exception {
		Path stale;
		try (ClusterDirectory closed = ClusterDirectory.create(this.parent)) {
			stale = closed.path();
		}
		java.nio.file.Files.createDirectories(stale);
		ClusterDirectory.reapStale(this.parent, this.parent.resolve("no-postgres"));
		assertThat(stale).doesNotExist();
	}

}
