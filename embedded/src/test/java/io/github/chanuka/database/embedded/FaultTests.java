package io.github.chanuka.database.embedded;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.util.PSQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@EmbeddedCluster(replicas = 1, faults = true)
class FaultTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final PostgresCluster cluster;

	FaultTests(PostgresCluster cluster) {
		this.cluster = cluster;
	}

	@AfterEach
	void everyNodeRunsAgain() {
		for (PostgresNode node : this.cluster.nodes()) {
			node.resume();
			node.start();
		}
	}

	@Test
	void fastStopRefusesConnectionsAndStartAcceptsThemAgain() throws SQLException {
		PostgresNode primary = this.cluster.primary();
		Jdbc.execute(primary, "CREATE TABLE IF NOT EXISTS petitions (id int)", "INSERT INTO petitions VALUES (1)");

		primary.stop();

		assertThat(primary.isRunning()).isFalse();
		assertRefused(primary);

		primary.start();

		assertThat(primary.isRunning()).isTrue();
		assertThat(Jdbc.queryForObject(primary, "SELECT count(*) FROM petitions", Long.class)).isPositive();
	}

	@Test
	void immediateStopRefusesConnectionsAndCommittedRowsSurviveRecovery() throws Exception {
		PostgresNode primary = this.cluster.primary();
		Jdbc.execute(primary, "CREATE TABLE crash_survivors (id int)", "INSERT INTO crash_survivors VALUES (7)");

		primary.stop(StopMode.IMMEDIATE);

		assertRefused(primary);

		primary.start();

		assertThat(Jdbc.queryForObject(primary, "SELECT id FROM crash_survivors", Integer.class)).isEqualTo(7);
		assertThat(logOf(primary)).contains("database system was interrupted");
	}

	@Test
	void killedNodeRefusesConnectionsAndCommittedRowsSurviveRecovery() throws Exception {
		PostgresNode primary = this.cluster.primary();
		Jdbc.execute(primary, "CREATE TABLE killed_survivors (id int)", "INSERT INTO killed_survivors VALUES (9)");

		primary.kill();

		assertThat(primary.isRunning()).isFalse();
		assertRefused(primary);

		primary.start();

		assertThat(Jdbc.queryForObject(primary, "SELECT id FROM killed_survivors", Integer.class)).isEqualTo(9);
	}

	@Test
	void stoppedReplicaRefusesConnectionsWhileThePrimaryServes() throws SQLException {
		PostgresNode replica = this.cluster.replica(1);

		replica.stop(StopMode.FAST);

		assertRefused(replica);
		assertThat(Jdbc.queryForObject(this.cluster.primary(), "SELECT 1", Integer.class)).isEqualTo(1);
		this.cluster.awaitReplicated(Duration.ofMillis(100));
	}

	@Test
	void restartGivesANewServerThatKeepsTheData() throws SQLException {
		PostgresNode primary = this.cluster.primary();
		Jdbc.execute(primary, "CREATE TABLE sessions (id int)", "INSERT INTO sessions VALUES (1)");
		OffsetDateTime startedBefore = Jdbc.queryForObject(primary, "SELECT pg_postmaster_start_time()",
				OffsetDateTime.class);

		primary.restart();

		assertThat(Jdbc.queryForObject(primary, "SELECT pg_postmaster_start_time()", OffsetDateTime.class))
			.isAfter(startedBefore);
		assertThat(Jdbc.queryForObject(primary, "SELECT count(*) FROM sessions", Long.class)).isEqualTo(1);
	}

	@Test
	void replicaCatchesUpAfterThePrimaryRestarts() throws SQLException {
		PostgresNode primary = this.cluster.primary();
		Jdbc.execute(primary, "CREATE TABLE committees (id int)");

		primary.restart();
		Jdbc.execute(primary, "INSERT INTO committees VALUES (42)");
		this.cluster.awaitReplicated(TIMEOUT);

		assertThat(Jdbc.queryForObject(this.cluster.replica(1), "SELECT id FROM committees", Integer.class))
			.isEqualTo(42);
	}

	@Test
	void pausedNodeLetsConnectionAttemptsTimeOutInsteadOfRefusingThem() throws SQLException {
		PostgresNode primary = this.cluster.primary();
		PGSimpleDataSource dataSource = primary.dataSource();
		dataSource.setConnectTimeout(1);
		dataSource.setSocketTimeout(1);

		primary.pause();

		assertThat(primary.isRunning()).isTrue();
		assertThat(primary.isPaused()).isTrue();
		long startedAt = System.nanoTime();
		assertThatThrownBy(dataSource::getConnection).isInstanceOf(PSQLException.class)
			.hasRootCauseInstanceOf(SocketTimeoutException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).as("time to give up").isLessThan(TIMEOUT);

		primary.resume();

		assertThat(primary.isPaused()).isFalse();
		assertThat(Jdbc.queryForObject(dataSource, "SELECT 1", Integer.class)).isEqualTo(1);
	}

	@Test
	void stoppingAPausedNodeResumesItFirst() {
		PostgresNode replica = this.cluster.replica(1);
		replica.pause();

		replica.stop();

		assertThat(replica.isRunning()).isFalse();
		assertThat(replica.isPaused()).isFalse();
	}

	@Test
	void smartStopEndsAnIdleNode() {
		PostgresNode replica = this.cluster.replica(1);

		replica.stop(StopMode.SMART);

		assertThat(replica.isRunning()).isFalse();
		assertRefused(replica);
	}

	private static void assertRefused(PostgresNode node) {
		assertThatThrownBy(() -> node.dataSource().getConnection()).isInstanceOfSatisfying(PSQLException.class,
				(ex) -> assertThat(ex.getSQLState()).isEqualTo("08001"))
			.hasRootCauseInstanceOf(ConnectException.class);
	}

	private static String logOf(PostgresNode node) throws IOException {
		return Files.readString(((EmbeddedPostgresNode) node).logFile());
	}

}
