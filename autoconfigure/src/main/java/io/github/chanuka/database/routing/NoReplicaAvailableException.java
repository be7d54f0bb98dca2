package io.github.chanuka.database.routing;

import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Thrown for a read-only transaction when no replica is usable and
 * {@code chanuka.database.routing.fallback-to-primary} is off.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class NoReplicaAvailableException extends TransientDataAccessResourceException {

	/**
	 * Create a new instance.
	 * @param message which replicas were tried and why each is unusable
	 */
	public NoReplicaAvailableException(String message) {
		super(message);
	}

}
