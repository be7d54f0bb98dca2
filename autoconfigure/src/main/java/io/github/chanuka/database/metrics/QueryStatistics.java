package io.github.chanuka.database.metrics;

/**
 * Source of statement totals.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@FunctionalInterface
public interface QueryStatistics {

	/**
	 * Return the statement totals since startup.
	 * @return the totals
	 */
	QueryTotals totals();

}
