package io.github.chanuka.database.ops.schema;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

import io.github.chanuka.database.metrics.SqlMasker;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the application's {@link DataValidationRule data validation rules}, each in a
 * read-only transaction bounded by a statement timeout. Without row values, a finding
 * holds the count of violating rows and the rule's query with its literals masked.
 *
 * @author Chanuka Database
 */
final class DataRules {

	private static final int SAMPLE_ROWS = 5;

	private static final String QUERY_CANCELED = "57014";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate readOnly;

	private final List<DataValidationRule> rules;

	private final Duration statementTimeout;

	DataRules(JdbcTemplate jdbc, TransactionTemplate readOnly, List<DataValidationRule> rules,
			Duration statementTimeout) {
		this.jdbc = jdbc;
		this.readOnly = readOnly;
		this.rules = List.copyOf(rules);
		this.statementTimeout = statementTimeout;
	}

	List<String> names() {
		return this.rules.stream().map(DataValidationRule::name).toList();
	}

	List<ValidationFinding> run(boolean rowValues) {
		List<ValidationFinding> findings = new ArrayList<>();
		for (DataValidationRule rule : this.rules) {
			ValidationFinding finding = run(rule, rowValues);
			if (finding != null) {
				findings.add(finding);
			}
		}
		return findings;
	}

	// null when no row breaks the rule: TransactionCallback<@Nullable T> needs NullAway's JSpecify mode (JDK 22+)
	@SuppressWarnings("NullAway")
	private @Nullable ValidationFinding run(DataValidationRule rule, boolean rowValues) {
		String query = withoutTrailingSemicolon(rule.sql());
		String shownQuery = rowValues ? query : Objects.requireNonNull(SqlMasker.mask(query));
		try {
			return this.readOnly.execute((status) -> {
				// server-side, so a rule cannot outlive the timeout even if the client stops waiting
				this.jdbc.execute("set local statement_timeout = " + Math.max(1, this.statementTimeout.toMillis()));
				Long violations = this.jdbc.queryForObject("select count(*) from (" + query + ") as violations",
						Long.class);
				if (violations == null || violations == 0) {
					return null;
				}
				String message = violations + " row(s) break this rule";
				if (rowValues) {
					message += ", such as " + String.join(" ", sample(query));
				}
				return new ValidationFinding(rule.name(), rule.severity(), "rule " + rule.name(), message,
						"correct the rows this query returns: " + shownQuery);
			});
		}
		catch (DataAccessException ex) {
			return new ValidationFinding(rule.name(), Severity.ERROR, "rule " + rule.name(), failure(ex, rowValues),
					"fix the query of DataValidationRule '" + rule.name() + "'"
							+ (isTimeout(ex) ? " or raise chanuka.database.validation.statement-timeout" : ""));
		}
	}

	private List<String> sample(String query) {
		return this.jdbc.query("select * from (" + query + ") as violations limit " + SAMPLE_ROWS, (rs, row) -> {
			ResultSetMetaData metaData = rs.getMetaData();
			StringJoiner columns = new StringJoiner(", ", "{", "}");
			for (int i = 1; i <= metaData.getColumnCount(); i++) {
				columns.add(metaData.getColumnLabel(i) + "=" + rs.getString(i));
			}
			return columns.toString();
		});
	}

	private String failure(DataAccessException ex, boolean rowValues) {
		if (isTimeout(ex)) {
			return "the rule's query was cancelled after the statement timeout of " + this.statementTimeout.toMillis()
					+ " ms";
		}
		if (rowValues) {
			return "the rule's query failed: " + ex.getMostSpecificCause().getMessage();
		}
		// the database's message may quote a row's value
		String state = sqlState(ex);
		return "the rule's query failed" + ((state != null) ? " with SQL state " + state : "")
				+ "; run 'db validate' to see the database's message";
	}

	private static boolean isTimeout(DataAccessException ex) {
		return QUERY_CANCELED.equals(sqlState(ex));
	}

	private static @Nullable String sqlState(DataAccessException ex) {
		return (ex.getMostSpecificCause() instanceof SQLException sql) ? sql.getSQLState() : null;
	}

	private static String withoutTrailingSemicolon(String sql) {
		String trimmed = sql.strip();
		while (trimmed.endsWith(";")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
		}
		return trimmed;
	}

}
