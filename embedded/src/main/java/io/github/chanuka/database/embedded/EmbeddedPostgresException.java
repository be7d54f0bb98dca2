package io.github.chanuka.database.embedded;

/**
 * Thrown when an embedded PostgreSQL node cannot be prepared, started, stopped or controlled.
 * Messages about a server name its node and include the tail of the node's server log.
 *
 * @since 0.1.0
 */
public class EmbeddedPostgresException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 */
	public EmbeddedPostgresException(String message) {
		super(message);
	}

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param cause the cause
	 */
	public EmbeddedPostgresException(String message, Throwable cause) {
		super(message, cause);
	}

}
