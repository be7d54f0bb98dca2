package io.github.chanuka.database.resilience;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * The one place that decides which database failures are worth another attempt:
 * serialization failures ({@code 40001}), deadlocks ({@code 40P01}), server shutdowns
 * and restarts ({@code 57P01}, {@code 57P02}, {@code 57P03}), too many connections
 * ({@code 53300}), lost connections (class {@code 08}) and pool timeouts. Everything
 * else, such as constraint violations, syntax errors and data errors ({@code 22xxx}),
 * is permanent.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public final class TransientFailures {

	private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300");

	private TransientFailures() {
	}

	/**
	 * Return whether a failure is transient: a new attempt in a new transaction may
	 * succeed.
	 * @param failure the failure
	 * @return whether to retry
	 */
	public static boolean isTransient(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof SQLTransientConnectionException || cause instanceof CannotGetJdbcConnectionException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				return TRANSIENT_STATES.contains(state) || state.startsWith("08");
			}
		}
		return false;
	}

	/**
	 * Return whether a failure means the connection to the server was lost or could not
	 * be made.
	 * @param failure the failure
	 * @return whether the connection failed
	 */
	public static boolean isConnectionFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof SQLTransientConnectionException || cause instanceof CannotGetJdbcConnectionException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				return state.startsWith("08") || state.startsWith("57P");
			}
		}
		return false;
	}

	private static Throwable next(Throwable cause) {
		return (cause.getCause() != cause) ? cause.getCause() : null;
	}

}
