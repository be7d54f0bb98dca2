package io.github.chanuka.database.autoconfigure;

import java.util.Objects;

import io.github.chanuka.database.InvalidDatabaseConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidDatabaseConfigurationException}: the key, its value and
 * the fix.
 *
 * @author Chanuka Database
 */
class InvalidDatabaseConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDatabaseConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidDatabaseConfigurationException cause) {
		String description = "Chanuka Database cannot start with this configuration.\n\n    Property: "
				+ cause.getProperty() + "\n    Value: " + ((cause.getValue() != null) ? cause.getValue() : "(not set)")
				+ "\n    Reason: " + reason(cause) + "\n";
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

	private String reason(InvalidDatabaseConfigurationException cause) {
		String message = Objects.requireNonNull(cause.getMessage(), "The exception always has a message");
		int detail = message.lastIndexOf(" (" + cause.getProperty());
		return (detail > 0) ? message.substring(0, detail) : message;
	}

}
