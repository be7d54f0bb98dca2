package io.github.chanuka.database.embedded;

import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@EmbeddedCluster(replicas = 1, faults = true)
class PromotionTests {

	@Test
	void promotedReplicaLeavesRecoveryAndAcceptsWrites(PostgresCluster cluster) throws SQLException {
		Jdbc.execute(cluster.primary(), "CREATE TABLE acts (id int)", "INSERT INTO acts VALUES (1)");
		cluster.awaitReplicated(Duration.ofSeconds(20));
		PostgresNode replica = cluster.replica(1);

		replica.promote();

		assertThat(replica.isInRecovery()).isFalse();
		assertThat(Jdbc.queryForObject(replica, "SELECT pg_is_in_recovery()", Boolean.class)).isFalse();
		Jdbc.execute(replica, "INSERT INTO acts VALUES (2)");
		assertThat(Jdbc.queryForObject(replica, "SELECT count(*) FROM acts", Long.class)).isEqualTo(2);
	}

}
