package io.github.chanuka.database.autoconfigure;

import io.github.chanuka.database.pool.ConnectionFailureCause;
import io.github.chanuka.database.pool.PrimaryUnreachableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link PrimaryUnreachableException} wherever startup needed the primary:
 * the fail-fast start of the staging and production environments, or the first
 * connection taken by Liquibase, {@code spring.sql.init}, a {@code CommandLineRunner} or
 * any other bean. Names the masked URL, why the connection failed and the fix for that
 * cause.
 *
 * @author Chanuka Database
 */
class PrimaryUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<PrimaryUnreachableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PrimaryUnreachableException cause) {
		ConnectionFailureCause why = cause.getFailureCause();
		String description = "Chanuka Database cannot reach the " + cause.getNode() + " database, which startup needs."
				+ "\n\n    Node: " + cause.getNode() + "\n    URL: " + cause.getMaskedUrl() + "\n    Cause: "
				+ why.reason() + "\n\n" + cause.getMessage() + "\n";
		String action = why.fix() + "\n\nIf the URL is wrong, fix chanuka.database.url (or the source it came from). "
				+ "If the database comes up after the application, raise chanuka.database.startup.connect-timeout.";
		return new FailureAnalysis(description, action, cause);
	}

}
