package io.github.chanuka.database.ops.statements;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import io.github.chanuka.database.metrics.SqlMasker;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.Assert;

/**
 * Reads the top statements of the primary's database from {@code pg_stat_statements}:
 * calls, total and mean time, rows and share of the total time. Only reads. When the
 * extension is not installed in the database, or its library is not loaded, the report
 * says so and how to enable it.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class StatementStatistics {

	private static final String EXTENSION_SCHEMA = """
			select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace
			where e.extname = 'pg_stat_statements'
			""";

	private static final String OBJECT_NOT_IN_PREREQUISITE_STATE = "55000";

	private static final String PRELOAD_ACTION = "Add pg_stat_statements to shared_preload_libraries in"
			+ " postgresql.conf (on a managed service: its parameter group or flags), restart the server, then run"
			+ " CREATE EXTENSION pg_stat_statements; in the database (db setup does it when"
			+ " chanuka.database.setup.extensions lists pg_stat_statements)";

	private final JdbcTemplate jdbc;

	/**
	 * Create a reader.
	 * @param primary the primary's pool
	 */
	public StatementStatistics(DataSource primary) {
		this.jdbc = new JdbcTemplate(primary);
		this.jdbc.setQueryTimeout(30);
	}

	/**
	 * Read the top statements, one reading at a time.
	 * @param limit how many statements to return, at least 1
	 * @param order what to order them by
	 * @return the report
	 */
	public synchronized StatementReport top(int limit, StatementOrder order) {
		Assert.isTrue(limit > 0, "limit must be at least 1");
		String database = Objects.requireNonNull(this.jdbc.queryForObject("select current_database()", String.class));
		List<String> schemas = this.jdbc.queryForList(EXTENSION_SCHEMA, String.class);
		if (schemas.isEmpty()) {
			return notInstalled(database, order);
		}
		int version = Objects.requireNonNull(
				this.jdbc.queryForObject("select current_setting('server_version_num')::int", Integer.class));
		String view = quote(schemas.get(0)) + ".pg_stat_statements";
		try {
			return read(database, order, limit, view, version);
		}
		catch (DataAccessException ex) {
			if (ex.getMostSpecificCause() instanceof java.sql.SQLException sql
					&& OBJECT_NOT_IN_PREREQUISITE_STATE.equals(sql.getSQLState())) {
				return StatementReport.unavailable(database, order,
						"pg_stat_statements is installed in database " + database
								+ " but its library is not loaded (" + sql.getMessage() + ")",
						PRELOAD_ACTION);
			}
			throw ex;
		}
	}

	private StatementReport notInstalled(String database, StatementOrder order) {
		String preloaded = this.jdbc.queryForObject("select current_setting('shared_preload_libraries')",
				String.class);
		if (preloaded != null && preloaded.contains("pg_stat_statements")) {
			return StatementReport.unavailable(database, order,
					"pg_stat_statements is loaded by the server but not installed in database " + database,
					"Run CREATE EXTENSION pg_stat_statements; in database " + database
							+ " (db setup does it when chanuka.database.setup.extensions lists pg_stat_statements)");
		}
		return StatementReport.unavailable(database, order,
				"pg_stat_statements is not installed in database " + database + " and the server does not load it",
				PRELOAD_ACTION);
	}

	private StatementReport read(String database, StatementOrder order, int limit, String view, int version) {
		String total = (version >= 130000) ? "total_exec_time" : "total_time";
		String mean = (version >= 130000) ? "mean_exec_time" : "mean_time";
		String orderBy = switch (order) {
			case TOTAL_TIME -> "total_ms";
			case MEAN_TIME -> "mean_ms";
			case CALLS -> "calls";
			case ROWS -> "rows";
		};
		String sql = "with s as (select queryid, query, calls, " + total + " as total_ms, " + mean
				+ " as mean_ms, rows from " + view
				+ " where dbid = (select oid from pg_database where datname = current_database()))"
				+ " select queryid, query, calls, total_ms, mean_ms, rows,"
				+ " coalesce(100 * total_ms / nullif(sum(total_ms) over (), 0), 0) as share,"
				+ " sum(total_ms) over () as all_ms, sum(calls) over () as all_calls"
				+ " from s order by " + orderBy + " desc, queryid limit ?";
		double[] allMs = { 0 };
		long[] allCalls = { 0 };
		List<TopStatement> statements = this.jdbc.query(sql, (rs, row) -> {
			allMs[0] = rs.getDouble("all_ms");
			allCalls[0] = rs.getLong("all_calls");
			return new TopStatement(rs.getLong("queryid"),
					Objects.requireNonNullElse(SqlMasker.mask(rs.getString("query")), ""), rs.getLong("calls"),
					round(rs.getDouble("total_ms")), round(rs.getDouble("mean_ms")), rs.getLong("rows"),
					round(rs.getDouble("share")));
		}, limit);
		return new StatementReport(Instant.now(), database, order, statisticsSince(view, version), round(allMs[0]),
				allCalls[0], statements, null, null);
	}

	private @Nullable Instant statisticsSince(String view, int version) {
		if (version < 140000) {
			return null;
		}
		Timestamp reset = this.jdbc.queryForObject("select stats_reset from " + view + "_info", Timestamp.class);
		return (reset != null) ? reset.toInstant() : null;
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
