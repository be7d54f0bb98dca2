package io.github.chanuka.database.embedded;

import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@EmbeddedCluster(replicas = 2)
class ReplicationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@ClusterResource
	static PostgresCluster cluster;

	@AfterEach
	void replayRuns() {
		cluster.replicas().forEach(PostgresNode::resumeReplay);
	}

	@Test
	void nodesAreListedPrimaryFirstThenReplicasByNumber() {
		assertThat(cluster.nodes()).extracting(PostgresNode::name).containsExactly("primary", "replica-1", "replica-2");
		assertThat(cluster.replica(2)).isSameAs(cluster.replicas().get(1));
		assertThat(cluster.nodes()).extracting(PostgresNode::port).doesNotHaveDuplicates();
		assertThatIllegalArgumentException().isThrownBy(() -> cluster.replica(3)).withMessageContaining("replica-3");
	}

	@Test
	void jdbcUrlNamesHostPortAndDatabaseButNoCredentials() {
		PostgresNode primary = cluster.primary();
		assertThat(primary.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + primary.port() + "/chanuka");
		assertThat(primary.jdbcUrl()).doesNotContain(primary.password()).doesNotContain("user=");
	}

	@Test
	void rootCertificateIsOnlyAvailableWithSsl() {
		assertThatIllegalStateException().isThrownBy(cluster::rootCertificate).withMessageContaining("ssl(true)");
	}

	@Test
	void replicasAreInRecoveryAndThePrimaryIsNot() throws SQLException {
		assertThat(Jdbc.queryForObject(cluster.primary(), "SELECT pg_is_in_recovery()", Boolean.class)).isFalse();
		for (PostgresNode replica : cluster.replicas()) {
			assertThat(Jdbc.queryForObject(replica, "SELECT pg_is_in_recovery()", Boolean.class)).isTrue();
			assertThat(replica.isInRecovery()).isTrue();
		}
	}

	@Test
	void replicasStreamFromThePrimary() {
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(Jdbc.queryForObject(cluster.primary(),
					"SELECT string_agg(application_name, ',' ORDER BY application_name) FROM pg_stat_replication"
							+ " WHERE state = 'streaming'",
					String.class))
				.isEqualTo("replica-1,replica-2"));
	}

	@Test
	void rowWrittenOnThePrimaryAppearsOnEveryReplica() throws SQLException {
		Jdbc.execute(cluster.primary(), "CREATE TABLE bills (id int PRIMARY KEY, title text)",
				"INSERT INTO bills VALUES (1, 'Finance Bill')");

		cluster.awaitReplicated(TIMEOUT);

		for (PostgresNode replica : cluster.replicas()) {
			assertThat(Jdbc.queryForObject(replica, "SELECT title FROM bills WHERE id = 1", String.class))
				.isEqualTo("Finance Bill");
		}
	}

	@Test
	void replicasRefuseWrites() throws SQLException {
		Jdbc.execute(cluster.primary(), "CREATE TABLE read_only_check (id int)");
		cluster.awaitReplicated(TIMEOUT);

		assertThatThrownBy(() -> Jdbc.execute(cluster.replica(1), "INSERT INTO read_only_check VALUES (1)"))
			.isInstanceOfSatisfying(PSQLException.class,
					(ex) -> assertThat(ex.getSQLState()).isEqualTo("25006"));
	}

	@Test
	void pausedReplayHidesNewRowsAndLagGrowsUntilReplayResumes() throws SQLException {
		PostgresNode replica = cluster.replica(1);
		Jdbc.execute(cluster.primary(), "CREATE TABLE motions (id int PRIMARY KEY)");
		cluster.awaitReplicated(TIMEOUT);

		replica.pauseReplay();
		Jdbc.execute(cluster.primary(), "INSERT INTO motions VALUES (1)");

		String unreplayedBytes = "SELECT pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint";
		await().atMost(TIMEOUT).until(() -> Jdbc.queryForObject(replica, unreplayedBytes, Long.class) > 0);
		long lagAfterOneRow = Jdbc.queryForObject(replica, unreplayedBytes, Long.class);
		assertThat(Jdbc.queryForObject(replica, "SELECT count(*) FROM motions", Long.class)).isZero();

		Jdbc.execute(cluster.primary(), "INSERT INTO motions SELECT generate_series(2, 1000)");
		await().atMost(TIMEOUT)
			.until(() -> Jdbc.queryForObject(replica, unreplayedBytes, Long.class) > lagAfterOneRow);
		assertThat(Jdbc.queryForObject(replica, "SELECT count(*) FROM motions", Long.class)).isZero();
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(
					Jdbc.queryForObject(cluster.replica(2), "SELECT count(*) FROM motions", Long.class))
				.as("rows on the replica that keeps replaying")
				.isEqualTo(1000));

		replica.resumeReplay();
		cluster.awaitReplicated(TIMEOUT);

		assertThat(Jdbc.queryForObject(replica, "SELECT count(*) FROM motions", Long.class)).isEqualTo(1000);
		assertThat(Jdbc.queryForObject(replica, unreplayedBytes, Long.class)).isZero();
	}

	@Test
	void awaitReplicatedTimesOutWhileReplayIsPaused() throws SQLException {
		Jdbc.execute(cluster.primary(), "CREATE TABLE amendments (id int)");
		cluster.replica(2).pauseReplay();
		Jdbc.execute(cluster.primary(), "INSERT INTO amendments VALUES (1)");

		assertThatThrownBy(() -> cluster.awaitReplicated(Duration.ofMillis(300)))
			.isInstanceOf(EmbeddedPostgresException.class)
			.hasMessageContaining("replica-2 replayed up to");
	}

	@Test
	void wrongPasswordIsRejected() {
		var dataSource = cluster.primary().dataSource();
		dataSource.setPassword("not-the-password");

		assertThatThrownBy(dataSource::getConnection).isInstanceOfSatisfying(PSQLException.class,
				(ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"));
	}

}
