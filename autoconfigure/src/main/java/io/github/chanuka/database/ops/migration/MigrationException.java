package io.github.chanuka.database.ops.migration;

/**
 * Thrown when Liquibase fails on the primary; the message names the operation, the
 * database and the changelog, and the cause is Liquibase's.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class MigrationException extends RuntimeException {

	/**
	 * Create a new instance.
	 * @param message what failed, where
	 * @param cause Liquibase's failure
	 */
	public MigrationException(String message, Throwable cause) {
		super(message, cause);
	}

}
