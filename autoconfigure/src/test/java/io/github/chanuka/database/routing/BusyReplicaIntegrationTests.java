package io.github.chanuka.database.routing;

import java.sql.Connection;
import java.time.Duration;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica whose pool is merely busy is not a replica that is down: a read that finds
 * no free connection in time goes elsewhere, and the replica stays in service.
 */
@EmbeddedCluster(replicas = 1)
@ExtendWith(OutputCaptureExtension.class)
class BusyReplicaIntegrationTests {

	@Test
	void aReplicaWithEveryConnectionInUseStaysUpWhileItsReadsGoElsewhere(PostgresCluster cluster,
			CapturedOutput output) {
		ClusterContext.runner(cluster)
			.withPropertyValues("chanuka.database.replicas[0].pool.maximum-size=1",
					"chanuka.database.replicas[0].pool.minimum-idle=1")
			.run((context) -> {
				DatabaseNode replica = context.getBean(DatabaseTopology.class).replicas().get(0);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> "replica-1".equals(ClusterContext.readOnly(context, cluster)));
				try (Connection held = replica.dataSource().getConnection()) {
					assertThat(ClusterContext.readOnly(context, cluster)).as("no free replica connection: the primary")
						.isEqualTo("primary");
					assertThat(replica.state().isDown()).as("a busy pool is not a down node").isFalse();
					// marked down, a probe would re-admit it within milliseconds: the log tells
					assertThat(output).doesNotContain("replica-1 failed to hand out a connection");
				}
				assertThat(ClusterContext.readOnly(context, cluster)).as("back on the replica at once")
					.isEqualTo("replica-1");
			});
	}

}
