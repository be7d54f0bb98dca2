package io.github.chanuka.database.node;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * The one classification of database failures, used by every retry path and by
 * passive failure detection. Transient: serialization failures ({@code 40001}),
 * deadlocks ({@code 40P01}), server shutdowns and restarts ({@code 57P01},
 * {@code 57P02}, {@code 57P03}), too many connections ({@code 53300}), lost
 * connections (class {@code 08}) and pool timeouts. Everything else, such as
 * constraint violations, syntax errors and data errors ({@code 22xxx}), is permanent.
 * Connection failures are the subset that says the connection to the server was lost
 * or could not be made.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public final class DatabaseFailures {

	private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300");

	private DatabaseFailures() {
	}

	/**
	 * Return whether a failure is transient: a new attempt in a new transaction may
	 * succeed.
	 * @param failure the failure
	 * @return whether another attempt may succeed
	 */
	public static boolean isTransient(@Nullable Throwable failure) {
		return anyCause(failure, (state) -> TRANSIENT_STATES.contains(state) || state.startsWith("08"));
	}

	/**
	 * Return whether a failure means the connection to the server was lost or could not
	 * be made.
	 * @param failure the failure
	 * @return whether the connection failed
	 */
	public static boolean isConnectionFailure(@Nullable Throwable failure) {
		return anyCause(failure, (state) -> state.startsWith("08") || state.startsWith("57P"));
	}

	private static boolean anyCause(@Nullable Throwable failure, Predicate<String> state) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLTransientConnectionException || cause instanceof CannotGetJdbcConnectionException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null && state.test(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

}
