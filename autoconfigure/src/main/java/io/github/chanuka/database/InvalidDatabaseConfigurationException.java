package io.github.chanuka.database;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a database setting is missing or has a value that cannot work. Carries
 * the offending key, its value (never a secret) and the fix. When several settings are
 * wrong at once, one exception carries them all: {@link #getProblems()} lists every
 * problem found, and the key, value and fix of this exception are those of the first.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class InvalidDatabaseConfigurationException extends RuntimeException {

	private final String property;

	private final @Nullable String value;

	private final String action;

	private final List<InvalidDatabaseConfigurationException> problems;

	/**
	 * Create a new instance.
	 * @param property the configuration key, or environment variable, at fault
	 * @param value the offending value, already masked, or {@code null} when missing
	 * @param reason why the value cannot work
	 * @param action how to fix it
	 */
	public InvalidDatabaseConfigurationException(String property, @Nullable String value, String reason,
			String action) {
		super(reason + " (" + property + ((value != null) ? "=" + value : " not set") + ")");
		this.property = property;
		this.value = value;
		this.action = action;
		this.problems = List.of(this);
	}

	/**
	 * Create an instance that reports several problems at once.
	 * @param problems every problem found, in the order found; at least one
	 * @since 0.1.0
	 */
	public InvalidDatabaseConfigurationException(List<InvalidDatabaseConfigurationException> problems) {
		super(problems.size() + " database settings cannot work: " + problems.stream()
			.map(InvalidDatabaseConfigurationException::getMessage)
			.collect(Collectors.joining("; ")));
		InvalidDatabaseConfigurationException first = problems.get(0);
		this.property = first.property;
		this.value = first.value;
		this.action = first.action;
		this.problems = problems.stream().flatMap((problem) -> problem.getProblems().stream()).toList();
	}

	/**
	 * Return the configuration key or environment variable at fault.
	 * @return the key
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return the offending value, masked, or {@code null} when the key is missing.
	 * @return the value
	 */
	public @Nullable String getValue() {
		return this.value;
	}

	/**
	 * Return how to fix the configuration.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

	/**
	 * Return every problem this exception reports: itself, or each of the problems it
	 * was created with.
	 * @return the problems, at least one
	 * @since 0.1.0
	 */
	public List<InvalidDatabaseConfigurationException> getProblems() {
		return this.problems;
	}

}
