package io.github.chanuka.database.routing;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.metrics.NodeMetrics;
import io.github.chanuka.database.metrics.RoutingMetrics;
import io.github.chanuka.database.node.DatabaseTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Read-only transactions go to the replicas, spread by the load balancer; everything
 * else goes to the primary. Nothing in this class stops a node.
 */
@EmbeddedCluster(replicas = 2)
class ReadRoutingIntegrationTests {

	private static PostgresCluster cluster;

	@BeforeAll
	static void useCluster(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
	}

	@Test
	void readOnlyTransactionsRunOnReplicasAndWritesOnThePrimary() {
		ClusterContext.runner(cluster).run((context) -> {
			assertThat(ClusterContext.readOnly(context, cluster)).startsWith("replica-");
			assertThat(ClusterContext.readWrite(context, cluster)).isEqualTo("primary");
			context.getBean(RoutingContext.class).clear();
			TransactionTemplate readOnly = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			readOnly.setReadOnly(true);
			Boolean inRecovery = readOnly.execute((status) -> context.getBean(JdbcTemplate.class)
				.queryForObject("select pg_is_in_recovery()", Boolean.class));
			assertThat(inRecovery).isTrue();
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("select inet_server_port()", Integer.class))
				.as("work outside a transaction")
				.isEqualTo(cluster.primary().port());
		});
	}

	@Test
	void aSerializableReadOnlyTransactionRunsOnThePrimaryReadOnlyBecauseAStandbyRefusesIt() {
		new JdbcTemplate(cluster.primary().dataSource())
			.execute("create table if not exists serializable_reads (id int primary key)");
		ClusterContext.runner(cluster).run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			TransactionTemplate serializable = new TransactionTemplate(
					context.getBean(PlatformTransactionManager.class));
			serializable.setReadOnly(true);
			serializable.setIsolationLevel(TransactionDefinition.ISOLATION_SERIALIZABLE);
			Integer port = serializable
				.execute((status) -> jdbc.queryForObject("select inet_server_port()", Integer.class));
			assertThat(port).isEqualTo(cluster.primary().port());
			assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> serializable
					.executeWithoutResult((status) -> jdbc.update("insert into serializable_reads values (1)")))
				.withMessageContaining("read-only transaction");
			assertThat(new JdbcTemplate(cluster.primary().dataSource())
				.queryForObject("select count(*) from serializable_reads", Integer.class)).isZero();
			assertThat(ClusterContext.readOnly(context, cluster)).as("a read at the default isolation")
				.startsWith("replica-");
		});
	}

	@Test
	void aRoutingObserverThatFailsLeavesNoConnectionBorrowedOnAnyNode() {
		ClusterContext.runner(cluster)
			.withUserConfiguration(FailingObserver.class)
			.withPropertyValues("chanuka.database.routing.read-your-writes=off")
			.run((context) -> {
				DatabaseTopology topology = context.getBean(DatabaseTopology.class);
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				TransactionTemplate readOnly = new TransactionTemplate(
						context.getBean(PlatformTransactionManager.class));
				readOnly.setReadOnly(true);
				for (int i = 0; i < 5; i++) {
					assertThatException()
						.isThrownBy(() -> readOnly.execute((status) -> jdbc.queryForObject("select 1", Integer.class)))
						.satisfies(ReadRoutingIntegrationTests::failedInTheObserver);
					assertThatException().isThrownBy(() -> jdbc.queryForObject("select 1", Integer.class))
						.satisfies(ReadRoutingIntegrationTests::failedInTheObserver);
				}
				context.getBean(RoutingContext.class).enterPrimaryOnly();
				try {
					assertThatException()
						.isThrownBy(() -> readOnly.execute((status) -> jdbc.queryForObject("select 1", Integer.class)))
						.satisfies(ReadRoutingIntegrationTests::failedInTheObserver);
				}
				finally {
					context.getBean(RoutingContext.class).exitPrimaryOnly();
				}
				for (var node : topology.nodes()) {
					assertThat(node.activeConnections()).as(node.name()).isZero();
				}
			});
	}

	private static void failedInTheObserver(Throwable failure) {
		assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).hasMessage("observer failed");
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class FailingObserver {

		@org.springframework.context.annotation.Bean
		RoutingMetrics failingRoutingMetrics(DatabaseTopology topology) {
			return new RoutingMetrics(topology) {

				@Override
				public void routed(io.github.chanuka.database.node.DatabaseNode node, RoutingReason reason) {
					throw new IllegalStateException("observer failed");
				}

			};
		}

	}

	@Test
	void roundRobinAlternatesBetweenReplicas() {
		ClusterContext.runner(cluster).run((context) -> {
			Map<String, Long> servedBy = reads(context, 100);
			assertThat(servedBy).containsOnlyKeys("replica-1", "replica-2");
			assertThat(servedBy.get("replica-1")).isEqualTo(50);
		});
	}

	@Test
	void weightedSpreadsReadsInProportionToWeights() {
		ClusterContext.runner(cluster)
			.withPropertyValues("chanuka.database.routing.load-balancer=weighted", "chanuka.database.replicas[0].weight=1",
					"chanuka.database.replicas[1].weight=3")
			.run((context) -> {
				Map<String, Long> servedBy = reads(context, 1000);
				long replica1 = servedBy.getOrDefault("replica-1", 0L);
				long replica2 = servedBy.getOrDefault("replica-2", 0L);
				// a probe that times out on a loaded machine may send a read or two elsewhere
				assertThat(replica1 + replica2).isGreaterThanOrEqualTo(990);
				assertThat(replica2).isCloseTo(3 * replica1, within(12L));
			});
	}

	@Test
	void randomUsesEveryReplica() {
		ClusterContext.runner(cluster)
			.withPropertyValues("chanuka.database.routing.load-balancer=random")
			.run((context) -> assertThat(reads(context, 200)).containsOnlyKeys("replica-1", "replica-2"));
	}

	@Test
	void leastConnectionsPrefersTheIdleReplica() {
		ClusterContext.runner(cluster)
			.withPropertyValues("chanuka.database.routing.load-balancer=least-connections")
			.run((context) -> {
				DatabaseTopology topology = context.getBean(DatabaseTopology.class);
				try (var held = topology.replicas().get(0).dataSource().getConnection()) {
					assertThat(reads(context, 20)).containsOnlyKeys("replica-2");
				}
			});
	}

	@Test
	void userLoadBalancerBeanReplacesTheConfiguredOne() {
		ClusterContext.runner(cluster)
			.withBean(LoadBalancer.class, () -> (candidates) -> candidates.get(candidates.size() - 1))
			.run((context) -> assertThat(reads(context, 10)).containsOnlyKeys("replica-2"));
	}

	@Test
	void usePrimaryForcesReadsOfTheAnnotatedMethodToThePrimary() {
		ClusterContext.runner(cluster).withBean(ReportService.class).run((context) -> {
			ReportService service = context.getBean(ReportService.class);
			Map<Integer, String> names = ClusterContext.nodeNamesByPort(cluster);
			// a probe that timed out on a loaded machine leaves the replicas out until the next one
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(names.get(service.ordinaryRead())).startsWith("replica-"));
			assertThat(names.get(service.freshRead())).isEqualTo("primary");
			assertThat(names.get(service.ordinaryRead())).startsWith("replica-");
		});
	}

	@Test
	void readYourWritesOffKeepsReadsOnReplicas() {
		ClusterContext.runner(cluster).withPropertyValues("chanuka.database.routing.read-your-writes=off").run((context) -> {
			ClusterContext.readWrite(context, cluster);
			assertThat(ClusterContext.readOnly(context, cluster)).startsWith("replica-");
		});
	}

	@Test
	void routingDecisionsAreCountedPerNodeAndReason() {
		ClusterContext.runner(cluster)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("chanuka.database.routing.read-your-writes=off")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBean(RoutingMetrics.class).bindTo(registry);
				reads(context, 10);
				ClusterContext.readWrite(context, cluster);
				for (String replica : new String[] { "replica-1", "replica-2" }) {
					assertThat(registry.get("chanuka.db.routing")
						.tags("node", replica, "role", "replica", "reason", "read")
						.counter()
						.count()).isEqualTo(5);
				}
				assertThat(registry.get("chanuka.db.routing").tags("node", "primary", "reason", "write").counter().count())
					.isEqualTo(1);
			});
	}

	@Test
	void nodeGaugesAndReplicaPoolMetricsArePublished() {
		ClusterContext.runner(cluster).run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(NodeMetrics.class).bindTo(registry);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(registry.get("chanuka.db.node.up").gauges())
					.extracting((gauge) -> gauge.value())
					.containsExactly(1.0, 1.0, 1.0));
			assertThat(registry.get("chanuka.db.replication.lag").tag("node", "replica-2").gauge().value())
				.isGreaterThanOrEqualTo(0);
			reads(context, 4);
			assertThat(registry.get("hikaricp.connections").tag("pool", "chanuka-replica-1").gauge().value())
				.isGreaterThan(0);
		});
	}

	private static Map<String, Long> reads(ApplicationContext context, int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> ClusterContext.readOnly(context, cluster))
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	static class ReportService {

		private final JdbcTemplate jdbc;

		private final TransactionTemplate readOnly;

		ReportService(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
			this.jdbc = jdbc;
			this.readOnly = new TransactionTemplate(transactionManager);
			this.readOnly.setReadOnly(true);
		}

		@UsePrimary
		@Transactional(readOnly = true)
		public Integer freshRead() {
			return this.jdbc.queryForObject("select inet_server_port()", Integer.class);
		}

		@Transactional(readOnly = true)
		public Integer ordinaryRead() {
			return this.jdbc.queryForObject("select inet_server_port()", Integer.class);
		}

	}

}
