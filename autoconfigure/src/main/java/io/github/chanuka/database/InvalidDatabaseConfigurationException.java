package io.github.chanuka.database;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a database setting is missing or has a value that cannot work. Carries
 * the offending key, its value (never a secret) and the fix.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class InvalidDatabaseConfigurationException extends RuntimeException {

	private final String property;

	private final @Nullable String value;

	private final String action;

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

}
