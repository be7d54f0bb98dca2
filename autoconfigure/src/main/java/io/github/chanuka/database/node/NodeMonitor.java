package io.github.chanuka.database.node;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Probes every node on a schedule, records what it sees on the node, and logs each
 * change: a node going down or coming back, a replica promoted out of recovery, a
 * replica starting or stopping to lag.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class NodeMonitor implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(NodeMonitor.class);

	private final DatabaseTopology topology;

	private final NodeProbe probe;

	private final Duration interval;

	private final ReplicaEligibility eligibility;

	private final List<NodeStateListener> listeners;

	private volatile ExecutorService probeExecutor;

	private final AtomicBoolean checkRequested = new AtomicBoolean();

	private final Map<DatabaseNode, CompletableFuture<NodeState>> inFlight = new ConcurrentHashMap<>();

	private volatile @Nullable ScheduledExecutorService executor;

	/**
	 * Create a monitor.
	 * @param topology the nodes to probe
	 * @param probe probes one node
	 * @param interval time between rounds of probes
	 * @param eligibility decides whether a replica is usable, for the log
	 * @param listeners told after each round
	 */
	public NodeMonitor(DatabaseTopology topology, NodeProbe probe, Duration interval, ReplicaEligibility eligibility,
			List<NodeStateListener> listeners) {
		this.topology = topology;
		this.probe = probe;
		this.interval = interval;
		this.eligibility = eligibility;
		this.listeners = List.copyOf(listeners);
		this.probeExecutor = newProbeExecutor();
	}

	private ExecutorService newProbeExecutor() {
		return Executors.newFixedThreadPool(this.topology.nodes().size(), (task) -> {
			Thread thread = new Thread(task, "chanuka-node-probe");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Ask for a round of probes as soon as possible, on the monitor's own thread, without
	 * waiting for it. Requests made before that round starts share it. Does nothing
	 * while the monitor is not running.
	 */
	public void requestCheck() {
		ScheduledExecutorService scheduler = this.executor;
		if (scheduler == null || !this.checkRequested.compareAndSet(false, true)) {
			return;
		}
		try {
			scheduler.execute(() -> {
				this.checkRequested.set(false);
				checkQuietly();
			});
		}
		catch (RejectedExecutionException ex) {
			this.checkRequested.set(false);
		}
	}

	/**
	 * Probe every node now, in parallel, and wait for the round to finish; one round at
	 * a time. Does nothing once the monitor is stopped. Callers on a request path use
	 * {@link #requestCheck()} instead.
	 */
	public synchronized void checkNow() {
		if (this.probeExecutor.isShutdown()) {
			return;
		}
		Instant started = Instant.now();
		List<DatabaseNode> nodes = this.topology.nodes();
		List<CompletableFuture<NodeState>> probes = new ArrayList<>(nodes.size());
		for (DatabaseNode node : nodes) {
			probes.add(probe(node));
		}
		// every node at once. A probe bounds itself (connect, then a socket timeout on the answer);
		// the round's deadline is a backstop for a probe stuck anyway, with room for a slow
		// reconnect on a busy machine, so a stalled client is not taken for a dead primary. A replica's
		// probe that is still trying a new connection after a timeout decides itself whether to abort
		Duration bound = this.probe.timeout().multipliedBy(2);
		long deadline = System.nanoTime() + bound.toNanos();
		for (int i = 0; i < nodes.size(); i++) {
			DatabaseNode node = nodes.get(i);
			boolean wasUsable = node.role() == NodeRole.REPLICA && this.eligibility.isUsable(node);
			NodeState observed;
			try {
				observed = probes.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				observed = node.state().down("no answer within " + bound.toMillis() + " ms");
				this.probe.unanswered(node);
			}
			catch (CancellationException | ExecutionException ex) {
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			NodeState previous = node.update(observed, started);
			logChange(node, previous, wasUsable);
		}
		for (NodeStateListener listener : this.listeners) {
			try {
				listener.nodesChecked(this.topology);
			}
			catch (RuntimeException ex) {
				logger.warn("Node state listener " + listener + " failed", ex);
			}
		}
	}

	/**
	 * Start a probe of the node, unless one from an earlier round is still waiting for
	 * the node: that one is awaited again instead, so a silent node ties up one probe
	 * thread and one connection, not one per round.
	 */
	private CompletableFuture<NodeState> probe(DatabaseNode node) {
		return this.inFlight.compute(node, (key, running) -> (running != null && !running.isDone()) ? running
				: CompletableFuture.supplyAsync(() -> this.probe.check(key), this.probeExecutor));
	}

	private void logChange(DatabaseNode node, NodeState previous, boolean wasUsable) {
		NodeState current = node.state();
		if (current.isDown() && !previous.isDown()) {
			logger.warn("Database node " + node + " is down: " + current.error());
		}
		else if (!current.isDown() && previous.isDown()) {
			logger.info("Database node " + node + " is back up");
		}
		if (node.role() == NodeRole.PRIMARY && Boolean.TRUE.equals(current.inRecovery())
				&& !Boolean.TRUE.equals(previous.inRecovery())) {
			logger.warn("Primary " + node + " is in recovery: it is a standby and cannot take writes");
		}
		if (node.role() == NodeRole.REPLICA) {
			boolean usable = this.eligibility.isUsable(node);
			if (wasUsable && !usable && !current.isDown()) {
				logger.warn("Replica " + node.name() + " skipped for reads: it " + this.eligibility.explain(node));
			}
			else if (!wasUsable && usable && previous.status() != NodeState.Status.UNKNOWN) {
				logger.info("Replica " + node.name() + " serves reads again");
			}
		}
	}

	@Override
	public synchronized void start() {
		// started again after a stop, as when Spring's test context cache resumes a paused context
		if (this.probeExecutor.isShutdown()) {
			this.probeExecutor = newProbeExecutor();
			this.probe.open();
		}
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "chanuka-node-monitor");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(this::checkQuietly, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		long sweep = Math.max(100, this.probe.timeout().toMillis() / 4);
		scheduler.scheduleWithFixedDelay(this::sweepLentConnections, sweep, sweep, TimeUnit.MILLISECONDS);
		this.executor = scheduler;
	}

	/**
	 * Between rounds, bring the next round forward when a replica has a read that stayed
	 * out a whole sweep period (a quarter of the probe timeout): a replica that went
	 * silent is then found within about one and a half probe timeouts, however long the
	 * check interval. A read that is only long costs one more round of probes.
	 */
	private void sweepLentConnections() {
		boolean held = false;
		for (DatabaseNode replica : this.topology.replicas()) {
			held |= replica.borrowed().heldSinceLastSweep();
		}
		if (held) {
			checkQuietly();
		}
	}

	private void checkQuietly() {
		try {
			checkNow();
		}
		catch (RuntimeException ex) {
			logger.error("Probing the database nodes failed; retrying in " + this.interval, ex);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.executor;
		this.executor = null;
		if (scheduler != null) {
			scheduler.shutdownNow();
			try {
				scheduler.awaitTermination(this.interval.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.probeExecutor.shutdownNow();
		try {
			// a probe still connecting would otherwise add its connection after the close below
			this.probeExecutor.awaitTermination(this.probe.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.inFlight.clear();
		this.probe.close();
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
