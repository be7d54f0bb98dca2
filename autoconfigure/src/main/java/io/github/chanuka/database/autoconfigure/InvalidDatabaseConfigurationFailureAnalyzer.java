package io.github.chanuka.database.autoconfigure;

import java.util.List;
import java.util.Objects;

import io.github.chanuka.database.InvalidDatabaseConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidDatabaseConfigurationException}: for every problem it
 * carries, the key, its value, the reason and the fix.
 *
 * @author Chanuka Database
 */
class InvalidDatabaseConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDatabaseConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidDatabaseConfigurationException cause) {
		List<InvalidDatabaseConfigurationException> problems = cause.getProblems();
		if (problems.size() == 1) {
			InvalidDatabaseConfigurationException problem = problems.get(0);
			return new FailureAnalysis("Chanuka Database cannot start with this configuration.\n\n" + describe(problem),
					problem.getAction(), cause);
		}
		StringBuilder description = new StringBuilder("Chanuka Database cannot start with this configuration: ")
			.append(problems.size())
			.append(" settings cannot work.\n");
		for (InvalidDatabaseConfigurationException problem : problems) {
			description.append('\n').append(describe(problem)).append("    Fix: ").append(problem.getAction())
				.append('\n');
		}
		return new FailureAnalysis(description.toString(),
				"Fix each of the " + problems.size() + " settings above; every problem found is listed, not only "
						+ "the first.",
				cause);
	}

	private String describe(InvalidDatabaseConfigurationException problem) {
		return "    Property: " + problem.getProperty() + "\n    Value: "
				+ ((problem.getValue() != null) ? problem.getValue() : "(not set)") + "\n    Reason: "
				+ reason(problem) + "\n";
	}

	private String reason(InvalidDatabaseConfigurationException cause) {
		String message = Objects.requireNonNull(cause.getMessage(), "The exception always has a message");
		int detail = message.lastIndexOf(" (" + cause.getProperty());
		return (detail > 0) ? message.substring(0, detail) : message;
	}

}
