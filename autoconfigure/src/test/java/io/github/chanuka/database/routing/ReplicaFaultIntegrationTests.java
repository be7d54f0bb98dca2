package io.github.chanuka.database.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.chanuka.database.embedded.StopMode;
import io.github.chanuka.database.health.DatabaseHealthIndicator;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.node.NodeMonitor;
import io.github.chanuka.database.node.NodeState;
import io.github.chanuka.database.node.ReplicaEligibility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Replicas that die, come back, lag or get promoted, while the application reads.
 */
@EmbeddedCluster(replicas = 2, faults = true)
class ReplicaFaultIntegrationTests {

	private static PostgresCluster cluster;

	@BeforeAll
	static void useCluster(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
	}

	@Test
	void replicaStoppedUnderReadLoadFailsNoReadAndIsReadmittedAfterRestart() throws Exception {
		ClusterContext.runner(cluster).withBean(Reader.class).run((context) -> {
			DatabaseHealthIndicator health = context.getBean(DatabaseHealthIndicator.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.UP));
			Reader reader = context.getBean(Reader.class);
			Map<Integer, String> names = ClusterContext.nodeNamesByPort(cluster);
			ReadLoad load = new ReadLoad(reader, names, 4);
			PostgresNode replica = cluster.replica(1);
			try {
				await().atMost(Duration.ofSeconds(10)).until(() -> load.servedBy("replica-1") > 20);
				replica.stop(StopMode.IMMEDIATE);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(health.health()).satisfies((current) -> {
						assertThat(current.getStatus()).isEqualTo(DatabaseHealthIndicator.DEGRADED);
						assertThat(nodeDetails(current, "replica-1")).containsEntry("status", "DOWN");
					}));
				long servedBeforeRestart = load.servedBy("replica-1");
				load.awaitReads(200);
				assertThat(load.servedBy("replica-1")).as("reads sent to the stopped replica")
					.isEqualTo(servedBeforeRestart);
				replica.start();
				await().atMost(Duration.ofSeconds(20)).until(() -> health.health().getStatus().equals(Status.UP));
				await().atMost(Duration.ofSeconds(10)).until(() -> load.servedBy("replica-1") > servedBeforeRestart);
			}
			finally {
				load.stop();
				if (!replica.isRunning()) {
					replica.start();
				}
			}
			assertThat(load.failures()).as("failed reads").isEmpty();
			assertThat(load.total()).isGreaterThan(200);
		});
	}

	@Test
	void replicaStoppedUnderAHandBuiltTransactionTemplateFailsOnlyReadsInFlightAndNoneWaitsOutItsPool()
			throws Exception {
		ClusterContext.runner(cluster).run((context) -> {
			DatabaseHealthIndicator health = context.getBean(DatabaseHealthIndicator.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.UP));
			TransactionTemplate template = new TransactionTemplate(
					new DataSourceTransactionManager(context.getBean(DataSource.class)));
			template.setReadOnly(true);
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			Map<Integer, String> names = ClusterContext.nodeNamesByPort(cluster);
			TimedReads load = new TimedReads(() -> names.get(template
				.execute((status) -> jdbc.queryForObject("select inet_server_port()", Integer.class))), 4);
			PostgresNode replica = cluster.replica(1);
			try {
				await().atMost(Duration.ofSeconds(10)).until(() -> load.servedBy("replica-1") > 20);
				long before = load.total();
				replica.stop(StopMode.IMMEDIATE);
				long stoppedAt = load.total();
				await().atMost(Duration.ofSeconds(20)).until(() -> load.total() > stoppedAt + 400);
				assertThat(load.total()).isGreaterThan(before);
			}
			finally {
				load.stop();
				if (!replica.isRunning()) {
					replica.start();
				}
			}
			System.getLogger(getClass().getName())
				.log(System.Logger.Level.INFO, "Replica stopped under a hand-built TransactionTemplate: " + load.total()
						+ " reads, " + load.failures().size() + " failed, longest " + load.longest().toMillis() + " ms");
			assertThat(load.failures()).as("failed reads: at most the 4 in flight on the stopped replica")
				.hasSizeLessThanOrEqualTo(4)
				.noneMatch((failure) -> failure instanceof TransactionSystemException);
			assertThat(load.longest()).as("longest read").isLessThan(Duration.ofSeconds(2));
		});
	}

	@ParameterizedTest(name = "check-interval {0}")
	@ValueSource(strings = { "200ms", "10s" })
	void replicaPausedUnder200ReadingThreadsHoldsNoReadMuchLongerThanTheProbeTimeout(String checkInterval)
			throws Exception {
		ClusterContext.runner(cluster)
			.withPropertyValues("chanuka.database.health.check-interval=" + checkInterval)
			.withBean(Reader.class)
			.run((context) -> {
				DatabaseHealthIndicator health = context.getBean(DatabaseHealthIndicator.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.UP));
				Reader reader = context.getBean(Reader.class);
				Map<Integer, String> names = ClusterContext.nodeNamesByPort(cluster);
				TimedReads load = new TimedReads(() -> names.get(reader.port()), 200);
				PostgresNode replica = cluster.replica(1);
				try {
					await().atMost(Duration.ofSeconds(10)).until(() -> load.servedBy("replica-1") > 200);
					load.resetLongest();
					replica.pause();
					long pausedAt = load.total();
					// the fault lasts 8 s, and reads go on meanwhile
					await().pollDelay(Duration.ofSeconds(8))
						.atMost(Duration.ofSeconds(30))
						.untilAsserted(() -> assertThat(load.total()).as("reads completed while replica-1 was paused")
							.isGreaterThan(pausedAt + 1000));
				}
				finally {
					if (replica.isPaused()) {
						replica.resume();
					}
					load.stop();
				}
				System.getLogger(getClass().getName())
					.log(System.Logger.Level.INFO, "Replica paused (SIGSTOP) under 200 reading threads, check-interval "
							+ checkInterval + ": " + load.total() + " reads, " + load.failures().size()
							+ " failed, longest " + load.longest().toMillis() + " ms");
				assertThat(load.failures()).as("failed reads").isEmpty();
				// a probe round, started by the check interval or by reads out longer than a quarter of the probe
				// timeout, hears nothing for health.timeout (1s) and aborts the reads in flight on replica-1, which
				// retry elsewhere; a read that entered replica-1's pool meanwhile gives up after one check of an idle
				// connection (1s). Before: every read waited out the whole 8 s pause. The bound leaves room for 200
				// threads on 2 loaded cores.
				assertThat(load.longest()).as("longest read").isLessThan(Duration.ofMillis(4000));
			});
	}

	@Test
	void connectionLostInAStatementMarksTheReplicaDownAtOnceAndTheNextReadGoesElsewhere() {
		ClusterContext.runner(cluster).withPropertyValues("chanuka.database.routing.read-your-writes=off")
			.run((context) -> {
				DatabaseTopology topology = context.getBean(DatabaseTopology.class);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> topology.replicas()
						.stream()
						.allMatch((node) -> node.state().status() == NodeState.Status.UP));
				// no probe may re-admit the node before the assertion: the detection alone marks it
				context.getBean(NodeMonitor.class).stop();
				TransactionTemplate readOnly = new TransactionTemplate(
						new DataSourceTransactionManager(context.getBean(DataSource.class)));
				readOnly.setReadOnly(true);
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				Map<Integer, String> names = ClusterContext.nodeNamesByPort(cluster);
				String[] victim = new String[1];
				Throwable failure = catchThrowable(() -> readOnly.execute((status) -> {
					Map<String, Object> session = jdbc
						.queryForMap("select inet_server_port() as port, pg_backend_pid() as pid");
					victim[0] = names.get((Integer) session.get("port"));
					PostgresNode server = cluster.nodes()
						.stream()
						.filter((node) -> node.name().equals(victim[0]))
						.findFirst()
						.orElseThrow();
					new JdbcTemplate(server.dataSource())
						.queryForObject("select pg_terminate_backend(?)", Boolean.class, session.get("pid"));
					return jdbc.queryForObject("select 1", Integer.class);
				}));
				assertThat(failure).isNotNull().isNotInstanceOf(TransactionSystemException.class);
				DatabaseNode failed = topology.replicas()
					.stream()
					.filter((node) -> node.name().equals(victim[0]))
					.findFirst()
					.orElseThrow();
				assertThat(failed.state().isDown()).as(victim[0] + " marked down by the failure").isTrue();
				for (int i = 0; i < 10; i++) {
					assertThat(ClusterContext.readOnly(context, cluster)).isNotEqualTo(victim[0])
						.startsWith("replica-");
				}
			});
	}

	@Test
	void replicaOfAnIdlePrimaryIsReadmittedAsSoonAsItIsBack() {
		ClusterContext.runner(cluster)
			.withPropertyValues("chanuka.database.routing.max-replication-lag=1s",
					"chanuka.database.routing.read-your-writes=off")
			.run((context) -> {
				JdbcTemplate primary = new JdbcTemplate(cluster.primary().dataSource());
				primary.execute("create table if not exists idle_probe (id int)");
				primary.update("insert into idle_probe values (1)");
				cluster.awaitReplicated(Duration.ofSeconds(10));
				JdbcTemplate replica = new JdbcTemplate(cluster.replica(1).dataSource());
				// the last replayed commit is older than the lag limit: the primary is idle, not the replica late
				await().atMost(Duration.ofSeconds(10))
					.until(() -> replica.queryForObject(
							"select extract(epoch from now() - pg_last_xact_replay_timestamp())", Double.class) > 2);
				DatabaseNode node = context.getBean(DatabaseTopology.class).replicas().get(0);
				ReplicaEligibility eligibility = context.getBean(ReplicaEligibility.class);
				assertThat(eligibility.explain(node)).isNull();
				cluster.replica(1).stop(StopMode.IMMEDIATE);
				try {
					await().atMost(Duration.ofSeconds(10)).until(() -> node.state().isDown());
				}
				finally {
					cluster.replica(1).start();
				}
				// after a restart the replica reports the start of its WAL segment as received, behind what it
				// replayed; that is caught up, not lagging by the age of the last commit
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(eligibility.explain(node)).as("why replica-1 is skipped").isNull());
				assertThat(node.state().replicationLag()).isLessThan(Duration.ofSeconds(1));
			});
	}

	@Test
	void lagBeyondTheLimitSkipsTheReplicaUntilItCatchesUp() {
		ClusterContext.runner(cluster)
			.withPropertyValues("chanuka.database.routing.max-replication-lag=500ms",
					"chanuka.database.routing.read-your-writes=off")
			.run((context) -> {
				JdbcTemplate primary = new JdbcTemplate(cluster.primary().dataSource());
				primary.execute("create table if not exists lag_probe (id serial primary key, at timestamptz)");
				cluster.awaitReplicated(Duration.ofSeconds(10));
				DatabaseNode lagging = context.getBean(DatabaseTopology.class).replicas().get(1);
				cluster.replica(2).pauseReplay();
				try {
					await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
						primary.update("insert into lag_probe (at) values (now())");
						assertThat(lagging.state().replicationLag()).isGreaterThan(Duration.ofMillis(500));
					});
					assertThat(reads(context, 20)).containsOnly("replica-1");
				}
				finally {
					cluster.replica(2).resumeReplay();
				}
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(reads(context, 10)).contains("replica-2"));
			});
	}

	@Test
	void withoutFallbackNoUsableReplicaIsAClearError() {
		ClusterContext.runner(cluster)
			.withPropertyValues("chanuka.database.routing.fallback-to-primary=false",
					"chanuka.database.routing.max-replication-lag=1ms", "chanuka.database.routing.read-your-writes=off")
			.run((context) -> {
				context.getBean(NodeMonitor.class).stop();
				context.getBean(DatabaseTopology.class)
					.replicas()
					.forEach((replica) -> replica.update(NodeState.up(true, Duration.ofSeconds(5), Duration.ZERO)));
				assertThatExceptionOfType(NoReplicaAvailableException.class)
					.isThrownBy(() -> ClusterContext.readOnly(context, cluster))
					.withMessageContaining("replica-1 lags 5000 ms")
					.withMessageContaining("fallback-to-primary is false");
			});
	}

	@Test
	void withFallbackReadsGoToThePrimaryWhenNoReplicaIsUsable() {
		ClusterContext.runner(cluster)
			.withPropertyValues("chanuka.database.routing.read-your-writes=off")
			.run((context) -> {
				context.getBean(NodeMonitor.class).stop();
				DatabaseTopology topology = context.getBean(DatabaseTopology.class);
				topology.primary().update(NodeState.up(false, Duration.ZERO, Duration.ZERO));
				topology.replicas().forEach((replica) -> replica.markDown(new IllegalStateException("test")));
				assertThat(ClusterContext.readOnly(context, cluster)).isEqualTo("primary");
				assertThat(context.getBean(DatabaseHealthIndicator.class).health().getStatus())
					.isEqualTo(DatabaseHealthIndicator.DEGRADED);
			});
	}

	private static List<String> reads(ApplicationContext context, int count) {
		return java.util.stream.IntStream.range(0, count).mapToObj((i) -> ClusterContext.readOnly(context, cluster)).toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> nodeDetails(Health health, String node) {
		return (Map<String, Object>) ((Map<String, Object>) health.getDetails().get("nodes")).get(node);
	}

	static class Reader {

		private final JdbcTemplate jdbc;

		Reader(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Transactional(readOnly = true)
		public Integer port() {
			return this.jdbc.queryForObject("select inet_server_port()", Integer.class);
		}

	}

	private static final class TimedReads {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final Map<String, AtomicLong> served = new ConcurrentHashMap<>();

		private final List<Throwable> failures = new CopyOnWriteArrayList<>();

		private final AtomicLong total = new AtomicLong();

		private final AtomicLong longestNanos = new AtomicLong();

		private final ExecutorService threads;

		TimedReads(java.util.function.Supplier<String> read, int threadCount) {
			this.threads = Executors.newFixedThreadPool(threadCount);
			for (int i = 0; i < threadCount; i++) {
				this.threads.execute(() -> {
					while (this.running.get()) {
						long start = System.nanoTime();
						try {
							this.served.computeIfAbsent(read.get(), (key) -> new AtomicLong()).incrementAndGet();
						}
						catch (RuntimeException ex) {
							this.failures.add(ex);
						}
						this.longestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
						this.total.incrementAndGet();
					}
				});
			}
		}

		long servedBy(String node) {
			AtomicLong count = this.served.get(node);
			return (count != null) ? count.get() : 0;
		}

		long total() {
			return this.total.get();
		}

		Duration longest() {
			return Duration.ofNanos(this.longestNanos.get());
		}

		void resetLongest() {
			this.longestNanos.set(0);
		}

		List<Throwable> failures() {
			return this.failures;
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			this.threads.shutdown();
			this.threads.awaitTermination(30, TimeUnit.SECONDS);
		}

	}

	private static final class ReadLoad {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final Map<String, AtomicLong> served = new ConcurrentHashMap<>();

		private final List<Throwable> failures = new CopyOnWriteArrayList<>();

		private final AtomicLong total = new AtomicLong();

		private final ExecutorService threads;

		ReadLoad(Reader reader, Map<Integer, String> names, int threadCount) {
			this.threads = Executors.newFixedThreadPool(threadCount);
			for (int i = 0; i < threadCount; i++) {
				this.threads.execute(() -> {
					while (this.running.get()) {
						try {
							String node = names.get(reader.port());
							this.served.computeIfAbsent(node, (key) -> new AtomicLong()).incrementAndGet();
						}
						catch (RuntimeException ex) {
							this.failures.add(ex);
						}
						this.total.incrementAndGet();
					}
				});
			}
		}

		long servedBy(String node) {
			AtomicLong count = this.served.get(node);
			return (count != null) ? count.get() : 0;
		}

		void awaitReads(long more) {
			long target = this.total.get() + more;
			await().atMost(Duration.ofSeconds(20)).until(() -> this.total.get() >= target);
		}

		long total() {
			return this.total.get();
		}

		List<Throwable> failures() {
			return this.failures;
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			this.threads.shutdown();
			this.threads.awaitTermination(30, TimeUnit.SECONDS);
		}

	}

}
