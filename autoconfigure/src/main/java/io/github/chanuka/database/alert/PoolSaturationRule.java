package io.github.chanuka.database.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.util.Assert;

/**
 * Fires for a node whose pool is saturated: threads are waiting for a connection while
 * every connection is in use, or its
 * utilisation has stayed above the threshold at every evaluation for the whole window. A
 * pool that is briefly full with nobody waiting is working as sized, not saturated.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class PoolSaturationRule implements AlertRule {

	private final String name;

	private final double threshold;

	private final Duration window;

	private final AlertSeverity severity;

	private final Duration cooldown;

	private final InstantSource clock;

	private final Map<String, Instant> overThresholdSince = new ConcurrentHashMap<>();

	/**
	 * Create a rule on the system clock.
	 * @param name the rule name
	 * @param threshold utilisation in percent above which the window starts
	 * @param window how long utilisation must stay above the threshold
	 * @param severity how urgent a breach is
	 * @param cooldown how long it stays quiet after firing
	 */
	public PoolSaturationRule(String name, double threshold, Duration window, AlertSeverity severity,
			Duration cooldown) {
		this(name, threshold, window, severity, cooldown, InstantSource.system());
	}

	PoolSaturationRule(String name, double threshold, Duration window, AlertSeverity severity, Duration cooldown,
			InstantSource clock) {
		Assert.isTrue(!window.isNegative() && !window.isZero(), "The window must be positive");
		this.name = name;
		this.threshold = threshold;
		this.window = window;
		this.severity = severity;
		this.cooldown = cooldown;
		this.clock = clock;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public AlertSeverity severity() {
		return this.severity;
	}

	@Override
	public Duration cooldown() {
		return this.cooldown;
	}

	/**
	 * Return how long utilisation must stay above the threshold.
	 * @return the window
	 */
	public Duration window() {
		return this.window;
	}

	@Override
	public List<Breach> evaluate(DatabaseSnapshot snapshot) {
		Instant now = this.clock.instant();
		List<Breach> breaches = new ArrayList<>();
		Set<String> over = new HashSet<>();
		for (DatabaseSnapshot.Node node : snapshot.nodes()) {
			if (node.maximumPoolSize() <= 0) {
				continue;
			}
			double utilization = 100.0 * node.activeConnections() / node.maximumPoolSize();
			boolean sustained = false;
			if (utilization > this.threshold) {
				over.add(node.name());
				Instant since = this.overThresholdSince.computeIfAbsent(node.name(), (key) -> now);
				sustained = !now.isBefore(since.plus(this.window));
			}
			// HikariCP counts every borrower that misses its thread's cached connection as waiting,
			// even for an instant on a pool with connections to spare: only a pool with every
			// connection in use can keep a thread waiting
			boolean starved = node.threadsAwaitingConnection() > 0
					&& node.activeConnections() >= node.maximumPoolSize();
			if (starved || sustained) {
				breaches.add(new Breach(node.name(), utilization, this.threshold));
			}
		}
		this.overThresholdSince.keySet().retainAll(over);
		return breaches;
	}

}
