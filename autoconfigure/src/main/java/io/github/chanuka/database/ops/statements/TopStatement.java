package io.github.chanuka.database.ops.statements;

/**
 * One statement shape as {@code pg_stat_statements} counts it.
 *
 * @param queryId the server's identifier of the statement shape
 * @param query the normalized statement text, every literal and comment masked
 * @param calls times it was run
 * @param totalTimeMs time spent running it, in all
 * @param meanTimeMs mean time of one run
 * @param rows rows it returned or changed, in all
 * @param sharePercent its share of the time spent on every statement of the database
 * @author Chanuka Database
 * @since 0.1.0
 */
public record TopStatement(long queryId, String query, long calls, double totalTimeMs, double meanTimeMs, long rows,
		double sharePercent) {

}
