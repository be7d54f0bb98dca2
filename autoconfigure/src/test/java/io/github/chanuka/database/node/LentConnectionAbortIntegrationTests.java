package io.github.chanuka.database.node;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import org.junit.jupiter.api.Test;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Aborting the connections a replica lent, over and over, while borrowers of that
 * replica and of another one take, use and return connections as fast as they can:
 * only the connections the sweep found lent fail, never one lent to a borrower the
 * sweep did not abort, even when the sweep races a close and the pool hands the same
 * server connection straight to the next borrower.
 */
@EmbeddedCluster(replicas = 2)
class LentConnectionAbortIntegrationTests {

	private static final int BORROWERS_PER_REPLICA = 3;

	/**
	 * Pause of a bystander borrower between cycles. Unpaced, the bystander ran some 1.5 million
	 * cycles (75 times the 20,000 then asked) and starved the swept replica's borrowers and any
	 * test running beside this one of CPU; paced, it still runs thousands of cycles a second.
	 */
	private static final long BYSTANDER_PACING_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

	@Test
	void abortingOneReplicasLentConnectionsOverAndOverFailsNoBorrowerTheSweepDidNotAbort(PostgresCluster cluster) {
		NodeClusterContext.runner(cluster, cluster.replicas())
			// fewer connections than borrowers: a returned server connection goes straight to a waiting borrower
			.withPropertyValues("chanuka.database.routing.replica-acquisition-timeout=5s",
					"chanuka.database.replicas[0].pool.maximum-size=2",
					"chanuka.database.replicas[0].pool.minimum-idle=2", "chanuka.database.replicas[1].pool.maximum-size=2",
					"chanuka.database.replicas[1].pool.minimum-idle=2")
			.run((context) -> {
				DatabaseTopology topology = context.getBean(DatabaseTopology.class);
				DatabaseNode swept = topology.replicas().get(0);
				DatabaseNode bystander = topology.replicas().get(1);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> topology.replicas().stream().noneMatch((replica) -> replica.state().isDown()));
				LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
				// every abort is logged by the sweep, the pool and passive detection: thousands of lines
				logging.setLogLevel("com.zaxxer.hikari", LogLevel.ERROR);
				logging.setLogLevel("io.github.chanuka.database.node", LogLevel.ERROR);
				Borrowers borrowers = new Borrowers(List.of(swept, bystander), bystander);
				Sweeper sweeper = new Sweeper(swept);
				try {
					await().atMost(Duration.ofMinutes(4))
						.pollInterval(Duration.ofSeconds(1))
						.until(() -> borrowers.cycles(swept) >= 2_500 && borrowers.cycles(bystander) >= 10_000
								&& sweeper.aborted() >= 500);
				}
				finally {
					sweeper.stop();
					borrowers.stop();
					logging.setLogLevel("com.zaxxer.hikari", null);
					logging.setLogLevel("io.github.chanuka.database.node", null);
				}
				System.getLogger(getClass().getName())
					.log(System.Logger.Level.INFO, "Abort sweep racing borrowers: " + sweeper.sweeps() + " sweeps aborted "
							+ sweeper.aborted() + " lent connection(s) of " + swept.name() + "; " + swept.name() + ": "
							+ borrowers.cycles(swept) + " cycles, " + borrowers.abortedFailures(swept)
							+ " borrowers failed after the sweep aborted them, " + borrowers.otherFailures(swept).size()
							+ " failed though the sweep did not abort them, " + borrowers.acquisitionFailures(swept).size()
							+ " found no connection in time; " + bystander.name() + ": " + borrowers.cycles(bystander)
							+ " cycles, " + (borrowers.otherFailures(bystander).size()
									+ borrowers.acquisitionFailures(bystander).size())
							+ " failed");
				assertThat(borrowers.abortedFailures(swept)).as("borrowers the sweep aborted and that failed")
					.isPositive();
				assertThat(borrowers.otherFailures(bystander)).as("failed borrowers of " + bystander.name())
					.isEmpty();
				assertThat(borrowers.acquisitionFailures(bystander))
					.as("borrowers of " + bystander.name() + " that found no connection")
					.isEmpty();
				assertThat(borrowers.otherFailures(swept))
					.as("failed borrowers of " + swept.name() + " whose connection the sweep did not abort")
					.isEmpty();
			});
	}

	/**
	 * A lent connection that remembers whether the sweep aborted it.
	 */
	private static final class Tracked extends LentConnection {

		private volatile boolean aborted;

		Tracked(Connection target, BorrowedConnections owner) {
			super(target, owner);
		}

		@Override
		void abortTarget() throws SQLException {
			this.aborted = true;
			super.abortTarget();
		}

	}

	/**
	 * Aborts the connections a replica lent, again and again, at random moments.
	 */
	private static final class Sweeper {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicLong sweeps = new AtomicLong();

		private final AtomicLong aborted = new AtomicLong();

		private final Thread thread;

		Sweeper(DatabaseNode replica) {
			this.thread = new Thread(() -> {
				while (this.running.get()) {
					this.aborted.addAndGet(replica.borrowed().abortAll(replica.name()));
					this.sweeps.incrementAndGet();
					// pacing, so that sweeps land at random points of the borrowers' cycles
					LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(TimeUnit.MILLISECONDS.toNanos(5)));
				}
			}, "abort-sweeper");
			this.thread.start();
		}

		long sweeps() {
			return this.sweeps.get();
		}

		long aborted() {
			return this.aborted.get();
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			this.thread.join(TimeUnit.SECONDS.toMillis(30));
		}

	}

	/**
	 * Threads that borrow a connection from a replica, run one query and return it, as
	 * the router does: the connection taken through the node's decorations, wrapped and
	 * tracked as lent.
	 */
	private static final class Borrowers {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final Map<String, AtomicLong> cycles = new ConcurrentHashMap<>();

		private final Map<String, AtomicLong> abortedFailures = new ConcurrentHashMap<>();

		private final Map<String, List<Throwable>> otherFailures = new ConcurrentHashMap<>();

		private final Map<String, List<Throwable>> acquisitionFailures = new ConcurrentHashMap<>();

		private final List<Thread> threads = new ArrayList<>();

		private final DatabaseNode paced;

		Borrowers(List<DatabaseNode> replicas, DatabaseNode paced) {
			this.paced = paced;
			for (DatabaseNode replica : replicas) {
				this.cycles.put(replica.name(), new AtomicLong());
				this.abortedFailures.put(replica.name(), new AtomicLong());
				this.otherFailures.put(replica.name(), new CopyOnWriteArrayList<>());
				this.acquisitionFailures.put(replica.name(), new CopyOnWriteArrayList<>());
				for (int i = 0; i < BORROWERS_PER_REPLICA; i++) {
					Thread thread = new Thread(() -> borrow(replica), "borrower-" + replica.name() + "-" + i);
					this.threads.add(thread);
					thread.start();
				}
			}
		}

		private void borrow(DatabaseNode replica) {
			while (this.running.get()) {
				Tracked lent;
				try {
					lent = new Tracked(replica.getConnection(), replica.borrowed());
				}
				catch (SQLException | RuntimeException ex) {
					this.acquisitionFailures.get(replica.name()).add(ex);
					continue;
				}
				try {
					try (Statement statement = lent.createStatement();
							ResultSet result = statement.executeQuery("select inet_server_port()")) {
						result.next();
					}
					lent.close();
					this.cycles.get(replica.name()).incrementAndGet();
					if (replica == this.paced) {
						LockSupport.parkNanos(BYSTANDER_PACING_NANOS);
					}
				}
				catch (SQLException | RuntimeException ex) {
					closeQuietly(lent);
					if (lent.aborted) {
						this.abortedFailures.get(replica.name()).incrementAndGet();
					}
					else {
						this.otherFailures.get(replica.name()).add(ex);
					}
				}
			}
		}

		private static void closeQuietly(Connection connection) {
			try {
				connection.close();
			}
			catch (SQLException | RuntimeException ex) {
				// the failure that matters was already recorded
			}
		}

		long cycles(DatabaseNode replica) {
			return this.cycles.get(replica.name()).get();
		}

		long abortedFailures(DatabaseNode replica) {
			return this.abortedFailures.get(replica.name()).get();
		}

		List<Throwable> otherFailures(DatabaseNode replica) {
			return this.otherFailures.get(replica.name());
		}

		List<Throwable> acquisitionFailures(DatabaseNode replica) {
			return this.acquisitionFailures.get(replica.name());
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			for (Thread thread : this.threads) {
				thread.join(TimeUnit.SECONDS.toMillis(30));
			}
		}

	}

}
