package io.github.chanuka.database.alert;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A condition worth telling someone about. Define a bean of this type to add a rule to
 * the built-in ones.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public interface AlertRule {

	/**
	 * Return the rule name, unique among rules; the {@code rule} tag of
	 * {@code chanuka.db.alerts}.
	 * @return the name
	 */
	String name();

	/**
	 * Return how urgent a breach is.
	 * @return the severity
	 */
	AlertSeverity severity();

	/**
	 * Return how long a firing alert stays quiet before it fires again while its
	 * condition holds.
	 * @return the cooldown
	 */
	Duration cooldown();

	/**
	 * Return the breaches of the rule now, one per node or one for the whole database.
	 * @param snapshot the state of the database layer
	 * @return the breaches, empty when all is well
	 */
	List<Breach> evaluate(DatabaseSnapshot snapshot);

	/**
	 * A breached threshold.
	 *
	 * @param node the node, or {@code null} for the whole database
	 * @param value the observed value
	 * @param threshold the threshold it crossed
	 */
	record Breach(@Nullable String node, double value, double threshold) {

	}

}
