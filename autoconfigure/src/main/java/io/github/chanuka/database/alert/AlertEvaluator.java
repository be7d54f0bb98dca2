package io.github.chanuka.database.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.chanuka.database.alert.DatabaseAlertEvent.Alert;
import io.github.chanuka.database.alert.DatabaseAlertEvent.State;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.node.NodeStateListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

/**
 * Evaluates every alert rule after each round of node probes. A breach publishes a
 * {@link DatabaseAlertEvent} and logs at WARN when it starts and again each time its
 * rule's cooldown has passed while it holds; a resolved event follows when it clears.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class AlertEvaluator implements NodeStateListener {

	private static final Log logger = LogFactory.getLog(AlertEvaluator.class);

	private final List<AlertRule> rules;

	private final Supplier<DatabaseSnapshot> snapshots;

	private final ApplicationEventPublisher publisher;

	private final Map<String, Firing> firing = new ConcurrentHashMap<>();

	/**
	 * Create an evaluator.
	 * @param rules the rules
	 * @param snapshots takes a snapshot of the database layer
	 * @param publisher publishes the events
	 */
	public AlertEvaluator(List<AlertRule> rules, Supplier<DatabaseSnapshot> snapshots,
			ApplicationEventPublisher publisher) {
		this.rules = List.copyOf(rules);
		this.snapshots = snapshots;
		this.publisher = publisher;
	}

	@Override
	public void nodesChecked(DatabaseTopology topology) {
		evaluate(this.snapshots.get());
	}

	/**
	 * Evaluate every rule against a snapshot.
	 * @param snapshot the state of the database layer
	 */
	public synchronized void evaluate(DatabaseSnapshot snapshot) {
		Instant now = Instant.now();
		Map<String, Boolean> seen = new HashMap<>();
		for (AlertRule rule : this.rules) {
			for (AlertRule.Breach breach : rule.evaluate(snapshot)) {
				String key = rule.name() + "|" + breach.node();
				seen.put(key, Boolean.TRUE);
				Firing current = this.firing.get(key);
				if (current == null) {
					Alert alert = new Alert(rule.name(), rule.severity(), breach.node(), breach.value(),
							breach.threshold(), now);
					this.firing.put(key, new Firing(alert, now));
					fire(alert);
				}
				else if (!now.isBefore(current.lastFired().plus(rule.cooldown()))) {
					Alert alert = new Alert(rule.name(), rule.severity(), breach.node(), breach.value(),
							breach.threshold(), current.alert().since());
					this.firing.put(key, new Firing(alert, now));
					fire(alert);
				}
			}
		}
		for (String key : new ArrayList<>(this.firing.keySet())) {
			if (!seen.containsKey(key)) {
				Firing resolved = this.firing.remove(key);
				Assert.state(resolved != null, "Alerts are resolved only here, under the lock");
				logger.info("Database alert resolved: " + describe(resolved.alert()));
				this.publisher.publishEvent(new DatabaseAlertEvent(this, resolved.alert(), State.RESOLVED));
			}
		}
	}

	private void fire(Alert alert) {
		logger.warn("Database alert [" + alert.severity().tagValue() + "]: " + describe(alert));
		this.publisher.publishEvent(new DatabaseAlertEvent(this, alert, State.FIRING));
	}

	private String describe(Alert alert) {
		return alert.rule() + ((alert.node() != null) ? " on " + alert.node() : "") + ", value "
				+ format(alert.value()) + " over threshold " + format(alert.threshold());
	}

	private static String format(double value) {
		return (value == Math.rint(value)) ? String.valueOf((long) value) : String.format("%.2f", value);
	}

	/**
	 * Return the alerts firing now.
	 * @return the active alerts
	 */
	public List<Alert> activeAlerts() {
		return this.firing.values().stream().map(Firing::alert).toList();
	}

	private record Firing(Alert alert, Instant lastFired) {

	}

}
