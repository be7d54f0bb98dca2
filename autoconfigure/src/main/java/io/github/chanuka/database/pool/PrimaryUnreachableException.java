package io.github.chanuka.database.pool;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a node cannot be reached: by the fail-fast start of a pool, and, carried
 * as the cause of the pool's own {@link java.sql.SQLTransientConnectionException}, by a
 * primary whose connection failed wherever it was taken. Says why, as a
 * {@link ConnectionFailureCause}.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class PrimaryUnreachableException extends RuntimeException {

	private final String node;

	private final String maskedUrl;

	private final ConnectionFailureCause failureCause;

	/**
	 * Create a new instance.
	 * @param node the node name
	 * @param maskedUrl the node's URL with credentials masked
	 * @param cause the pool's failure
	 */
	public PrimaryUnreachableException(String node, String maskedUrl, Throwable cause) {
		this(node, maskedUrl, null, cause);
	}

	/**
	 * Create a new instance.
	 * @param node the node name
	 * @param maskedUrl the node's URL with credentials masked
	 * @param waited how long startup tried to reach the node, or {@code null}
	 * @param cause the pool's failure
	 */
	public PrimaryUnreachableException(String node, String maskedUrl, @Nullable Duration waited, Throwable cause) {
		super("Database node '" + node + "' at " + maskedUrl + " is unreachable"
				+ ((waited != null) ? " after " + waited.toMillis() + " ms of attempts" : "") + ": "
				+ causeOf(cause).reason() + " (" + rootMessage(cause) + ")", cause);
		this.node = node;
		this.maskedUrl = maskedUrl;
		this.failureCause = causeOf(cause);
	}

	/**
	 * Return why the node could not be reached.
	 * @return the cause
	 */
	public ConnectionFailureCause getFailureCause() {
		return this.failureCause;
	}

	private static ConnectionFailureCause causeOf(Throwable failure) {
		ConnectionFailureCause cause = ConnectionFailureCause.of(failure);
		return (cause != null) ? cause : ConnectionFailureCause.OTHER;
	}

	/**
	 * Return the node name.
	 * @return the name
	 */
	public String getNode() {
		return this.node;
	}

	/**
	 * Return the node's URL with credentials masked.
	 * @return the URL
	 */
	public String getMaskedUrl() {
		return this.maskedUrl;
	}

	private static @Nullable String rootMessage(Throwable cause) {
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage();
	}

}
