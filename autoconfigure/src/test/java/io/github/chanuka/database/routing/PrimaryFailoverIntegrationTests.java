package io.github.chanuka.database.routing;

import java.time.Duration;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.chanuka.database.embedded.StopMode;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A multi-host primary URL, as Patroni-style clusters use, follows a promotion: writes
 * resume on the promoted replica once the old primary is gone.
 */
@EmbeddedCluster(replicas = 1, faults = true)
class PrimaryFailoverIntegrationTests {

	@Test
	void writesResumeOnThePromotedReplica(PostgresCluster cluster) {
		PostgresNode oldPrimary = cluster.primary();
		PostgresNode standby = cluster.replica(1);
		String url = "jdbc:postgresql://" + oldPrimary.host() + ":" + oldPrimary.port() + "," + standby.host() + ":"
				+ standby.port() + "/" + oldPrimary.database() + "?targetServerType=primary";
		ClusterContext.runner(cluster)
			.withPropertyValues("chanuka.database.url=" + url, "chanuka.database.pool.connection-timeout=2s",
					"chanuka.database.replicas=")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				jdbc.execute("create table failover_probe (id int primary key)");
				jdbc.update("insert into failover_probe values (1)");
				assertThat(jdbc.queryForObject("select inet_server_port()", Integer.class)).isEqualTo(oldPrimary.port());
				cluster.awaitReplicated(Duration.ofSeconds(10));
				oldPrimary.stop(StopMode.IMMEDIATE);
				standby.promote();
				long start = System.nanoTime();
				await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
					jdbc.update("insert into failover_probe values (2)");
					assertThat(jdbc.queryForObject("select inet_server_port()", Integer.class))
						.isEqualTo(standby.port());
				});
				Duration resumed = Duration.ofNanos(System.nanoTime() - start);
				System.getLogger(getClass().getName())
					.log(System.Logger.Level.INFO, "Writes resumed " + resumed.toMillis() + " ms after promotion");
				assertThat(jdbc.queryForObject("select count(*) from failover_probe", Integer.class)).isEqualTo(2);
			});
	}

}
