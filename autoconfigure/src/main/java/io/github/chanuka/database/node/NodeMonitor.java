package io.github.chanuka.database.node;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
			// every node at once, so a hung node (bounded by the probe timeout) delays no other
			probes.add(CompletableFuture.supplyAsync(() -> this.probe.check(node), this.probeExecutor));
		}
		for (int i = 0; i < nodes.size(); i++) {
			DatabaseNode node = nodes.get(i);
			boolean wasUsable = node.role() == NodeRole.REPLICA && this.eligibility.isUsable(node);
			NodeState observed;
			try {
				observed = probes.get(i).join();
			}
			catch (CancellationException | CompletionException ex) {
				return;
			}
			if (Thread.currentThread().isInterrupted()) {
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
		}
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "chanuka-node-monitor");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(this::checkQuietly, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		this.executor = scheduler;
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
		this.probe.close();
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
