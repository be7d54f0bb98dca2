package io.github.chanuka.database.node;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link NodeMonitor} with a probe that never hears back from one node.
 */
class NodeMonitorTests {

	private final CountDownLatch silence = new CountDownLatch(1);

	private final HikariDataSource primaryPool = new HikariDataSource();

	private final HikariDataSource replicaPool = new HikariDataSource();

	private final DatabaseNode primary = new DatabaseNode("primary", NodeRole.PRIMARY, 1, this.primaryPool);

	private final DatabaseNode replica = new DatabaseNode("replica-1", NodeRole.REPLICA, 1, this.replicaPool);

	private final AtomicInteger replicaProbes = new AtomicInteger();

	private final NodeMonitor monitor = new NodeMonitor(new DatabaseTopology(this.primary, List.of(this.replica)),
			new SilentReplicaProbe(), Duration.ofSeconds(10),
			new ReplicaEligibility(Duration.ofSeconds(10), (node) -> true), List.of());

	@AfterEach
	void close() {
		this.silence.countDown();
		this.monitor.stop();
		this.primaryPool.close();
		this.replicaPool.close();
	}

	@Test
	void aNodeThatDoesNotAnswerWithinTwiceTheProbeTimeoutIsDownAfterThat() {
		long start = System.nanoTime();
		this.monitor.checkNow();
		Duration round = Duration.ofNanos(System.nanoTime() - start);
		assertThat(this.replica.state().isDown()).isTrue();
		assertThat(this.replica.state().error()).isEqualTo("no answer within 2000 ms");
		assertThat(this.primary.state().isDown()).isFalse();
		assertThat(round).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void aProbeStillWaitingIsAwaitedAgainInsteadOfStartingAnother() {
		this.monitor.checkNow();
		this.monitor.checkNow();
		assertThat(this.replicaProbes).hasValue(1);
		this.silence.countDown();
		this.monitor.checkNow();
		assertThat(this.replica.state().isDown()).as("re-admitted once the node answers").isFalse();
	}

	@Test
	void aReplicaGoingDownAbortsTheConnectionsItLentAndNoneItGotBack() throws Exception {
		Connection lent = mock(Connection.class);
		new Lent(lent, this.replica.borrowed());
		Connection returned = mock(Connection.class);
		new Lent(returned, this.replica.borrowed()).close();
		assertThat(this.replica.borrowed().size()).isOne();
		this.monitor.checkNow();
		verify(lent).abort(any());
		verify(returned, never()).abort(any());
		assertThat(this.replica.borrowed().size()).isZero();
	}

	@Test
	void connectionsReturnedInAnyOrderLeaveNoneLent() throws Exception {
		BorrowedConnections borrowed = new BorrowedConnections();
		Lent first = new Lent(mock(Connection.class), borrowed);
		Lent second = new Lent(mock(Connection.class), borrowed);
		Lent third = new Lent(mock(Connection.class), borrowed);
		second.close();
		assertThat(borrowed.size()).isEqualTo(2);
		second.close();
		assertThat(borrowed.size()).isEqualTo(2);
		third.close();
		first.close();
		assertThat(borrowed.size()).isZero();
	}

	@Test
	void aConnectionOutForAWholeSweepIsSeenAtTheSecondSweep() throws Exception {
		BorrowedConnections borrowed = new BorrowedConnections();
		Lent first = new Lent(mock(Connection.class), borrowed);
		assertThat(borrowed.heldSinceLastSweep()).as("lent during this period").isFalse();
		Lent recent = new Lent(mock(Connection.class), borrowed);
		assertThat(borrowed.heldSinceLastSweep()).as("out since before the last sweep").isTrue();
		first.close();
		assertThat(borrowed.heldSinceLastSweep()).as("the one left was lent a period ago").isTrue();
		recent.close();
		assertThat(borrowed.heldSinceLastSweep()).isFalse();
	}

	@Test
	void aReadOutLongerThanASweepBringsTheNextRoundForwardAndASilentReplicaIsAbortedWithoutWaitingForTheInterval()
			throws Exception {
		AtomicBoolean silent = new AtomicBoolean();
		NodeMonitor hourly = new NodeMonitor(new DatabaseTopology(this.primary, List.of(this.replica)),
				new NodeProbe(Duration.ofSeconds(1)) {

					@Override
					public NodeState check(DatabaseNode node) {
						if (node.role() == NodeRole.REPLICA && silent.get()) {
							try {
								NodeMonitorTests.this.silence.await();
							}
							catch (InterruptedException ex) {
								Thread.currentThread().interrupt();
							}
						}
						return NodeState.up(node.role() == NodeRole.REPLICA, Duration.ZERO, Duration.ZERO);
					}

				}, Duration.ofHours(1), new ReplicaEligibility(Duration.ofSeconds(10), (node) -> true), List.of());
		try {
			hourly.start();
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.until(() -> this.replica.state().status() == NodeState.Status.UP);
			silent.set(true);
			Connection stuck = mock(Connection.class);
			new Lent(stuck, this.replica.borrowed());
			long start = System.nanoTime();
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> verify(stuck).abort(any()));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("two sweeps and the round's backstop")
				.isLessThan(Duration.ofSeconds(6));
			assertThat(this.replica.state().isDown()).isTrue();
		}
		finally {
			this.silence.countDown();
			hourly.stop();
		}
	}

	private static final class Lent extends LentConnection {

		Lent(Connection target, BorrowedConnections owner) {
			super(target, owner);
		}

	}

	private final class SilentReplicaProbe extends NodeProbe {

		SilentReplicaProbe() {
			super(Duration.ofSeconds(1));
		}

		@Override
		public NodeState check(DatabaseNode node) {
			if (node.role() == NodeRole.REPLICA && NodeMonitorTests.this.replicaProbes.incrementAndGet() == 1) {
				try {
					NodeMonitorTests.this.silence.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return NodeState.up(node.role() == NodeRole.REPLICA, Duration.ZERO, Duration.ZERO);
		}

	}

}
