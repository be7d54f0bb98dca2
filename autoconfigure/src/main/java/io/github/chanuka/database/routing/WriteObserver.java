package io.github.chanuka.database.routing;

import java.time.Duration;

/**
 * Told when the current thread committed a read-write transaction.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@FunctionalInterface
public interface WriteObserver {

	/**
	 * Called after the commit.
	 * @param readYourWrites how long reads must stay on the primary to see the write
	 */
	void writeCommitted(Duration readYourWrites);

}
