package io.github.chanuka.database.node;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Drains the pools when the application stops, after the web server's graceful
 * shutdown: no new reads go to replicas, borrowed connections get up to the drain
 * timeout to come back, then the replica pools close, then the primary's, and one line
 * sums it up.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class PoolDrain implements SmartLifecycle {

	/**
	 * Phase of this lifecycle: stopped after the web server's graceful shutdown and
	 * after the web server itself.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Log logger = LogFactory.getLog(PoolDrain.class);

	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	private final DatabaseTopology topology;

	private final ReplicaEligibility eligibility;

	private final Duration timeout;

	private volatile boolean running;

	/**
	 * Create a drain.
	 * @param topology the pools to drain
	 * @param eligibility told to stop handing out replicas
	 * @param timeout longest wait for borrowed connections
	 */
	public PoolDrain(DatabaseTopology topology, ReplicaEligibility eligibility, Duration timeout) {
		this.topology = topology;
		this.eligibility = eligibility;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		long start = System.nanoTime();
		this.eligibility.stopServing();
		int borrowed = borrowed();
		long deadline = start + this.timeout.toNanos();
		while (borrowed() > 0 && System.nanoTime() - deadline < 0) {
			// the pools have no "returned" callback to wait on; polling briefly is the only way
			LockSupport.parkNanos(POLL_NANOS);
		}
		int abandoned = borrowed();
		this.topology.close();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		String summary = "Chanuka Database pools closed in " + took.toMillis() + " ms: " + (borrowed - abandoned)
				+ " borrowed connection(s) drained, " + abandoned + " abandoned";
		if (abandoned > 0) {
			logger.warn(summary + " after the " + this.timeout.toMillis()
					+ " ms drain timeout (chanuka.database.shutdown.drain-timeout)");
		}
		else {
			logger.info(summary);
		}
	}

	private int borrowed() {
		int active = 0;
		for (DatabaseNode node : this.topology.nodes()) {
			active += node.activeConnections();
		}
		return active;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Return {@code false}: closed pools cannot be opened again, so a paused context (such
	 * as one that Spring's test context cache puts aside) keeps them.
	 * @return {@code false}
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
