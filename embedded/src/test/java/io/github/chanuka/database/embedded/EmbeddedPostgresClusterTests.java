package io.github.chanuka.database.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EmbeddedPostgresClusterTests {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgresClusterTests.class);

	@TempDir
	Path parent;

	@Test
	void configuredDatabaseUserAndPasswordAreUsedByEveryNode() throws SQLException {
		String password = "it's a \\ \"secret\"";
		long startedAt = System.nanoTime();
		try (EmbeddedPostgresCluster cluster = EmbeddedPostgresCluster.builder()
			.replicas(2)
			.database("bills")
			.username("clerk")
			.password(password)
			.parentDirectory(this.parent)
			.start()) {
			logger.info("Primary and 2 replicas started in {} ms", Duration.ofNanos(System.nanoTime() - startedAt).toMillis());
			Jdbc.execute(cluster.primary(), "CREATE TABLE t (id int)", "INSERT INTO t VALUES (1)");
			cluster.awaitReplicated(Duration.ofSeconds(20));

			for (PostgresNode node : cluster.nodes()) {
				assertThat(node.password()).isEqualTo(password);
				assertThat(Jdbc.queryForObject(node, "SELECT current_database() || ':' || current_user", String.class))
					.isEqualTo("bills:clerk");
				assertThat(Jdbc.queryForObject(node, "SELECT count(*) FROM t", Long.class)).isEqualTo(1);
			}
			String hash = Jdbc.queryForObject(cluster.primary(),
					"SELECT rolpassword FROM pg_authid WHERE rolname = current_user", String.class);
			// a cheap hash on every version: set by initdb from 16 on, by the cluster before that
			assertThat(hash).startsWith("SCRAM-SHA-256$" + ClusterBootstrap.SCRAM_ITERATIONS + ":");
		}
	}

	@Test
	void closeStopsEveryNodeAndDeletesTheDirectory() {
		EmbeddedPostgresCluster cluster = EmbeddedPostgresCluster.builder().replicas(1).parentDirectory(this.parent).start();
		Path directory = cluster.directory();
		List<PostgresNode> nodes = cluster.nodes();
		nodes.get(1).pause();

		cluster.close();

		assertThat(nodes).noneMatch(PostgresNode::isRunning);
		assertThat(directory).doesNotExist();
		cluster.close();
	}

	@Test
	void nodeThatCannotStartReportsTheTailOfItsServerLogAndLeavesNothingBehind() throws Exception {
		EmbeddedPostgresCluster.Builder builder = EmbeddedPostgresCluster.builder()
			.replicas(0)
			.setting("shared_buffers", "a lot")
			.parentDirectory(this.parent);

		assertThatExceptionOfType(EmbeddedPostgresException.class).isThrownBy(builder::start)
			.withMessageContaining("Node 'primary'")
			.withMessageContaining("exited with code")
			.withMessageContaining("invalid value for parameter \"shared_buffers\"");
		try (Stream<Path> clusters = Files.list(this.parent)) {
			assertThat(clusters).noneMatch((path) -> path.getFileName().toString().startsWith("cluster-"));
		}
	}

	@Test
	void builderRejectsNonsense() {
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedPostgresCluster.builder().replicas(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedPostgresCluster.builder().database(" "));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedPostgresCluster.builder().startupTimeout(Duration.ZERO));
	}

}
