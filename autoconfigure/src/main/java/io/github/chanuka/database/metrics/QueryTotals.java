package io.github.chanuka.database.metrics;

/**
 * Statement totals since startup.
 *
 * @param count statements run
 * @param failed statements that failed
 * @param slow statements slower than the threshold
 * @param meanMillis mean duration
 * @param p95Millis 95th percentile of the recent durations of the slowest node
 * @author Chanuka Database
 * @since 0.1.0
 */
public record QueryTotals(long count, long failed, long slow, double meanMillis, double p95Millis) {

	/**
	 * Totals of nothing.
	 */
	public static final QueryTotals NONE = new QueryTotals(0, 0, 0, 0, 0);

}
