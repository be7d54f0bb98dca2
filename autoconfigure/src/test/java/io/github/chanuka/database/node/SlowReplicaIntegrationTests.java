package io.github.chanuka.database.node;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica that is too slow for its probe but still answers is taken out of rotation
 * without killing the reads it is serving; one that stops answering altogether has them
 * aborted, so that they fail over instead of hanging.
 */
@EmbeddedCluster(replicas = 1, faults = true)
class SlowReplicaIntegrationTests {

	private static final int READS = 3;

	@Test
	void aReplicaTooSlowForItsProbeButStillAnsweringKeepsItsReadsInFlight(PostgresCluster cluster) {
		PostgresNode server = cluster.replica(1);
		NodeClusterContext.runner(cluster, List.of(server)).withBean(DownReplicas.class).run((context) -> {
			DatabaseNode replica = context.getBean(DatabaseTopology.class).replicas().get(0);
			DownReplicas down = context.getBean(DownReplicas.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> replica.state().status() == NodeState.Status.UP);
			JdbcTemplate monitorView = new JdbcTemplate(server.dataSource());
			long probe = await().atMost(Duration.ofSeconds(10))
				.until(() -> probeBackends(monitorView), (pids) -> pids.size() == 1)
				.get(0);
			LongReads reads = new LongReads(context, READS);
			try {
				await().atMost(Duration.ofSeconds(10)).until(() -> replica.borrowed().size() == READS);
				down.errors().clear();
				// the probe's own server process stops answering: its query times out, while the server
				// still serves every other session and accepts new ones
				signal("STOP", probe);
				try {
					// the round whose probe timed out is over: whatever it did to the reads is done
					await().atMost(Duration.ofSeconds(10)).until(() -> !down.errors().isEmpty());
				}
				finally {
					signal("CONT", probe);
				}
				long statements = reads.statements();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> reads.statements() >= statements + READS || reads.ended() == READS);
			}
			finally {
				reads.stop();
			}
			System.getLogger(getClass().getName())
				.log(System.Logger.Level.INFO,
						"Probe of " + server.name() + " timed out while " + READS + " reads were in flight there ("
								+ down.errors().get(0) + "): " + reads.failures().size() + " of them failed, "
								+ reads.statements() + " statements ran");
			assertThat(reads.failures()).as("reads in flight on the slow replica that failed").isEmpty();
			assertThat(reads.ports()).as("servers that ran the reads").containsExactly(server.port());
		});
	}

	@Test
	void aReplicaThatStopsAnsweringAltogetherHasItsReadsInFlightAborted(PostgresCluster cluster) {
		PostgresNode server = cluster.replica(1);
		NodeClusterContext.runner(cluster, List.of(server)).run((context) -> {
			DatabaseNode replica = context.getBean(DatabaseTopology.class).replicas().get(0);
			await().atMost(Duration.ofSeconds(10)).until(() -> replica.state().status() == NodeState.Status.UP);
			LongReads reads = new LongReads(context, READS);
			try {
				await().atMost(Duration.ofSeconds(10)).until(() -> replica.borrowed().size() == READS);
				server.pause();
				try {
					await().atMost(Duration.ofSeconds(15)).until(() -> reads.failures().size() == READS);
					assertThat(server.isPaused()).as("still paused when every read failed").isTrue();
				}
				finally {
					server.resume();
				}
			}
			finally {
				reads.stop();
			}
			assertThat(reads.failures()).allSatisfy(
					(failure) -> assertThat(DatabaseFailures.isConnectionFailure(failure)).as(failure.toString()).isTrue());
		});
	}

	private static List<Long> probeBackends(JdbcTemplate server) {
		return server.queryForList("select pid from pg_stat_activity where application_name = 'chanuka-node-monitor'",
				Long.class);
	}

	private static void signal(String signal, long pid) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
		assertThat(kill.waitFor()).as("kill -" + signal + " " + pid).isZero();
	}

	/**
	 * Records why a replica was down after a round of probes.
	 */
	static final class DownReplicas implements NodeStateListener {

		private final List<String> errors = new CopyOnWriteArrayList<>();

		@Override
		public void nodesChecked(DatabaseTopology topology) {
			for (DatabaseNode replica : topology.replicas()) {
				if (replica.state().isDown()) {
					this.errors.add(String.valueOf(replica.state().error()));
				}
			}
		}

		List<String> errors() {
			return this.errors;
		}

	}

	/**
	 * Read-only transactions through the application's data source that each keep
	 * running short reads until stopped, so each holds one replica connection the whole
	 * time.
	 */
	private static final class LongReads {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicLong statements = new AtomicLong();

		private final AtomicLong ended = new AtomicLong();

		private final List<Throwable> failures = new CopyOnWriteArrayList<>();

		private final Set<Integer> ports = ConcurrentHashMap.newKeySet();

		private final List<Thread> threads = new ArrayList<>();

		LongReads(ApplicationContext context, int count) {
			TransactionTemplate readOnly = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			readOnly.setReadOnly(true);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			for (int i = 0; i < count; i++) {
				Thread thread = new Thread(() -> {
					try {
						readOnly.executeWithoutResult((status) -> {
							while (this.running.get()) {
								this.ports.add(jdbc.queryForObject("select inet_server_port() from pg_sleep(0.2)",
										Integer.class));
								this.statements.incrementAndGet();
							}
						});
					}
					catch (RuntimeException ex) {
						this.failures.add(ex);
					}
					this.ended.incrementAndGet();
				}, "long-read-" + i);
				this.threads.add(thread);
				thread.start();
			}
		}

		long statements() {
			return this.statements.get();
		}

		long ended() {
			return this.ended.get();
		}

		List<Throwable> failures() {
			return this.failures;
		}

		Set<Integer> ports() {
			return this.ports;
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			for (Thread thread : this.threads) {
				thread.join(TimeUnit.SECONDS.toMillis(30));
			}
		}

	}

}
