package io.github.chanuka.database.ops.statements;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The statements of the primary's database that cost most, from
 * {@code pg_stat_statements}; behind {@code db queries} and
 * {@code /actuator/database/queries}. When the extension is not usable,
 * {@link #problem()} says why and {@link #action()} how to enable it.
 *
 * @param takenAt when the statistics were read
 * @param database the database they cover
 * @param order what the statements are ordered by
 * @param statisticsSince when the statistics were last reset, {@code null} when unknown
 * @param totalTimeMs time spent on every statement of the database
 * @param totalCalls statements run in the database
 * @param statements the top statements
 * @param problem why there are no statistics, {@code null} when there are
 * @param action how to enable them, {@code null} when there are statistics
 * @author Chanuka Database
 * @since 0.1.0
 */
public record StatementReport(Instant takenAt, String database, StatementOrder order, @Nullable Instant statisticsSince,
		double totalTimeMs, long totalCalls, List<TopStatement> statements, @Nullable String problem,
		@Nullable String action) {

	/**
	 * Return whether {@code pg_stat_statements} could be read.
	 * @return whether there are statistics
	 */
	public boolean isAvailable() {
		return this.problem == null;
	}

	static StatementReport unavailable(String database, StatementOrder order, String problem, String action) {
		return new StatementReport(Instant.now(), database, order, null, 0, 0, List.of(), problem, action);
	}

}
