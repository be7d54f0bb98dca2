package io.github.chanuka.database.ops.schema;

import org.springframework.util.Assert;

/**
 * A rule the application's data must follow, checked by {@code db validate} and
 * {@code /actuator/database/validation}: a query that returns the rows breaking the
 * rule. Declare one as a bean:
 * <pre class="code">
 * &#64;Bean
 * DataValidationRule billsHaveASponsor() {
 *     return new DataValidationRule("bills-have-a-sponsor",
 *             "select id from bills where sponsor_id is null", Severity.ERROR);
 * }
 * </pre>
 * The query runs on the primary in a read-only transaction; it should select the few
 * columns that identify a row, as up to five violating rows are shown.
 *
 * @param name the rule name, shown in output
 * @param sql the query returning the rows that break the rule
 * @param severity how serious a violation is
 * @author Chanuka Database
 * @since 0.1.0
 */
public record DataValidationRule(String name, String sql, Severity severity) {

	public DataValidationRule {
		Assert.hasText(name, "A data validation rule needs a name");
		Assert.hasText(sql, () -> "Data validation rule '" + name + "' needs a query returning the violating rows");
		Assert.notNull(severity, () -> "Data validation rule '" + name + "' needs a severity");
	}

}
