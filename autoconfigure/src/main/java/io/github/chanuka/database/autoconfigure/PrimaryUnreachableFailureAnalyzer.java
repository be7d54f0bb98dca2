package io.github.chanuka.database.autoconfigure;

import io.github.chanuka.database.pool.PrimaryUnreachableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link PrimaryUnreachableException} raised by the fail-fast start of the
 * staging and production environments.
 *
 * @author Chanuka Database
 */
class PrimaryUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<PrimaryUnreachableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PrimaryUnreachableException cause) {
		return new FailureAnalysis(cause.getMessage() + "\n\nThe staging and production environments check the primary "
				+ "at startup so that a broken deployment fails before it takes traffic.",
				"Check that PostgreSQL runs at " + cause.getMaskedUrl() + " and accepts the configured user and "
						+ "TLS mode, or fix chanuka.database.url. If the database comes up after the application, raise "
						+ "chanuka.database.startup.connect-timeout. To start without a database (development only), set "
						+ "chanuka.database.environment=development.",
				cause);
	}

}
