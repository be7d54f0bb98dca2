package io.github.chanuka.database.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a cluster in another JVM that never closes it, and checks that no server survives.
 */
class OrphanedServerTests {

	@TempDir
	Path parent;

	@Test
	void shutdownHookStopsRunningAndPausedNodesWhenTheJvmExits() throws Exception {
		Process jvm = startJvm("exit");
		String line = readClusterLine(jvm);

		assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();

		assertThat(pids(line)).hasSize(2).noneMatch(OrphanedServerTests::isAlive);
		assertThat(ClusterLeftOpen.clusterDirectory(line)).doesNotExist();
	}

	@Test
	void nextClusterStopsServersLeftByAKilledJvm() throws Exception {
		Process jvm = startJvm("wait-to-be-killed");
		String line = readClusterLine(jvm);
		jvm.destroyForcibly();
		assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(pids(line)).as("servers orphaned by SIGKILL").allMatch(OrphanedServerTests::isAlive);

		EmbeddedPostgresCluster.builder().replicas(0).parentDirectory(this.parent).start().close();

		assertThat(pids(line)).noneMatch(OrphanedServerTests::isAlive);
		assertThat(ClusterLeftOpen.clusterDirectory(line)).doesNotExist();
	}

	@Test
	void secondClusterOfTheSameJvmLeavesTheFirstLockedAgainstAnotherJvmsReaper() throws Exception {
		try (EmbeddedPostgresCluster first = EmbeddedPostgresCluster.builder()
			.replicas(0)
			.parentDirectory(this.parent)
			.start()) {
			// its reaper must not open the first cluster's lock file: closing it would release the lock
			EmbeddedPostgresCluster.builder().replicas(0).parentDirectory(this.parent).start().close();
			Process jvm = startJvm("exit");
			readClusterLine(jvm);
			assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();

			assertThat(first.directory()).exists();
			assertThat(first.primary().isInRecovery()).as("the first cluster's primary still answers").isFalse();
		}
	}

	private Process startJvm(String mode) throws IOException {
		Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
				"-Dlogback.configurationFile=" + Paths.get("src/test/resources/logback-test.xml").toAbsolutePath(),
				ClusterLeftOpen.class.getName(), this.parent.toString(), mode));
		return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
	}

	private static String readClusterLine(Process jvm) throws IOException {
		BufferedReader output = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = output.readLine()) != null) {
			if (line.startsWith("CLUSTER ")) {
				return line;
			}
		}
		throw new AssertionError("The JVM ended without starting a cluster, exit code " + jvm.exitValue());
	}

	private static List<Long> pids(String line) {
		String pids = line.substring(line.indexOf(" PIDS ") + " PIDS ".length());
		return Arrays.stream(pids.split(" ")).map(Long::valueOf).toList();
	}

	private static boolean isAlive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

}
