package io.github.chanuka.database.resilience;

/**
 * Source of the number of retries of database operations.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@FunctionalInterface
public interface RetryStatistics {

	/**
	 * Return the retries of every operation since startup.
	 * @return the retry count
	 */
	long totalRetries();

}
