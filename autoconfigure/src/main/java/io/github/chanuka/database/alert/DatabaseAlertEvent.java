package io.github.chanuka.database.alert;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * Published when an alert rule starts firing, fires again after its cooldown, or stops
 * firing because its condition cleared.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class DatabaseAlertEvent extends ApplicationEvent {

	private final Alert alert;

	private final State state;

	/**
	 * Create an event.
	 * @param source the evaluator that raised it
	 * @param alert the alert
	 * @param state whether the alert fires or resolved
	 */
	public DatabaseAlertEvent(Object source, Alert alert, State state) {
		super(source);
		this.alert = alert;
		this.state = state;
	}

	public Alert getAlert() {
		return this.alert;
	}

	public State getState() {
		return this.state;
	}

	@Override
	public String toString() {
		return "DatabaseAlertEvent[" + this.state + " " + this.alert + "]";
	}

	/**
	 * Whether the alert fires or resolved.
	 */
	public enum State {

		/**
		 * The condition holds.
		 */
		FIRING,

		/**
		 * The condition cleared.
		 */
		RESOLVED

	}

	/**
	 * An alert.
	 *
	 * @param rule the rule name
	 * @param severity how urgent it is
	 * @param node the node, or {@code null} for the whole database
	 * @param value the observed value
	 * @param threshold the threshold it crossed
	 * @param since when the condition was first seen
	 */
	public record Alert(String rule, AlertSeverity severity, @Nullable String node, double value, double threshold,
			Instant since) {

	}

}
