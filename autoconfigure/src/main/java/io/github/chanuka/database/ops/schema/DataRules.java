package io.github.chanuka.database.ops.schema;

import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the application's {@link DataValidationRule data validation rules}, each in a
 * read-only transaction.
 *
 * @author Chanuka Database
 */
final class DataRules {

	private static final int SAMPLE_ROWS = 5;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate readOnly;

	private final List<DataValidationRule> rules;

	DataRules(JdbcTemplate jdbc, TransactionTemplate readOnly, List<DataValidationRule> rules) {
		this.jdbc = jdbc;
		this.readOnly = readOnly;
		this.rules = List.copyOf(rules);
	}

	List<String> names() {
		return this.rules.stream().map(DataValidationRule::name).toList();
	}

	List<ValidationFinding> run() {
		List<ValidationFinding> findings = new ArrayList<>();
		for (DataValidationRule rule : this.rules) {
			ValidationFinding finding = run(rule);
			if (finding != null) {
				findings.add(finding);
			}
		}
		return findings;
	}

	// null when no row breaks the rule: TransactionCallback<@Nullable T> needs NullAway's JSpecify mode (JDK 22+)
	@SuppressWarnings("NullAway")
	private @Nullable ValidationFinding run(DataValidationRule rule) {
		String query = withoutTrailingSemicolon(rule.sql());
		try {
			return this.readOnly.execute((status) -> {
				Long violations = this.jdbc.queryForObject("select count(*) from (" + query + ") as violations",
						Long.class);
				if (violations == null || violations == 0) {
					return null;
				}
				List<String> sample = this.jdbc.query("select * from (" + query + ") as violations limit " + SAMPLE_ROWS,
						(rs, row) -> {
							ResultSetMetaData metaData = rs.getMetaData();
							StringJoiner columns = new StringJoiner(", ", "{", "}");
							for (int i = 1; i <= metaData.getColumnCount(); i++) {
								columns.add(metaData.getColumnLabel(i) + "=" + rs.getString(i));
							}
							return columns.toString();
						});
				return new ValidationFinding(rule.name(), rule.severity(), "rule " + rule.name(),
						violations + " row(s) break this rule, such as " + String.join(" ", sample),
						"correct the rows this query returns: " + query);
			});
		}
		catch (DataAccessException ex) {
			return new ValidationFinding(rule.name(), Severity.ERROR, "rule " + rule.name(),
					"the rule's query failed: " + ex.getMostSpecificCause().getMessage(),
					"fix the query of DataValidationRule '" + rule.name() + "'");
		}
	}

	private static String withoutTrailingSemicolon(String sql) {
		String trimmed = sql.strip();
		while (trimmed.endsWith(";")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
		}
		return trimmed;
	}

}
