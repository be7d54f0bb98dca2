package io.github.chanuka.database.resilience;

import org.springframework.dao.NonTransientDataAccessResourceException;

/**
 * Thrown when the connection failed while a write transaction was committing, or during
 * an autocommit statement that may change data: the server may or may not have
 * committed it, so it is not retried. Check whether the
 * write took effect (for example by its business key) before repeating it.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class CommitOutcomeUnknownException extends NonTransientDataAccessResourceException {

	/**
	 * Create a new instance.
	 * @param operation the operation whose commit failed
	 * @param cause the commit failure
	 */
	public CommitOutcomeUnknownException(String operation, Throwable cause) {
		super("The outcome of database operation '" + operation + "' is unknown: the connection failed during "
				+ "COMMIT or an autocommit write, so the write may or may not have been applied. It was not retried; check whether it took "
				+ "effect before repeating it", cause);
	}

}
