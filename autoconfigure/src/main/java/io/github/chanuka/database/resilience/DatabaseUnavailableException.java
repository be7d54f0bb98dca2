package io.github.chanuka.database.resilience;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Thrown at once, without waiting for a connection, while a node's circuit breaker is
 * open.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class DatabaseUnavailableException extends TransientDataAccessResourceException {

	private final String node;

	private final @Nullable Instant retryAfter;

	/**
	 * Create a new instance.
	 * @param node the node whose breaker is open
	 * @param retryAfter when the breaker lets probe calls through, or {@code null} when
	 * unknown
	 */
	public DatabaseUnavailableException(String node, @Nullable Instant retryAfter) {
		super("Database node '" + node + "' is unavailable: its circuit breaker is open after repeated connection "
				+ "failures" + ((retryAfter != null) ? "; it will be tried again after " + retryAfter : ""));
		this.node = node;
		this.retryAfter = retryAfter;
	}

	public String getNode() {
		return this.node;
	}

	public @Nullable Instant getRetryAfter() {
		return this.retryAfter;
	}

}
