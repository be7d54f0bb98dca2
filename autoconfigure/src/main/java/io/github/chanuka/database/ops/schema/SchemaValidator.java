package io.github.chanuka.database.ops.schema;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Validates the schema and data of the primary: constraints left NOT VALID, invalid
 * indexes, tables without a primary key, sequences that have used 80% of their range,
 * foreign keys without an index, the application's {@link DataValidationRule rules}
 * and any other {@link ValidationCheck checks}, such as Liquibase's checksums. Behind
 * {@code db validate} and {@code /actuator/database/validation}. Only reads; every
 * statement is bounded by a timeout.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class SchemaValidator {

	private static final double SEQUENCE_THRESHOLD = 0.8;

	/**
	 * How long one statement of a check may run when no timeout is given.
	 */
	public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);

	private final CatalogChecks catalog;

	private final DataRules rules;

	private final List<ValidationCheck> checks;

	/**
	 * Create a validator.
	 * @param primary the primary's pool
	 * @param rules the application's data validation rules
	 * @param checks further checks to run first
	 * @param ignoredTables tables that may lack a primary key, such as Liquibase's
	 * {@code databasechangelog}, case-insensitive
	 */
	public SchemaValidator(DataSource primary, List<DataValidationRule> rules, List<ValidationCheck> checks,
			Collection<String> ignoredTables) {
		this(primary, rules, checks, ignoredTables, DEFAULT_STATEMENT_TIMEOUT);
	}

	/**
	 * Create a validator.
	 * @param primary the primary's pool
	 * @param rules the application's data validation rules
	 * @param checks further checks to run first
	 * @param ignoredTables tables that may lack a primary key, such as Liquibase's
	 * {@code databasechangelog}, case-insensitive
	 * @param statementTimeout how long one statement of the catalog checks or the rules
	 * may run, at least one second
	 */
	public SchemaValidator(DataSource primary, List<DataValidationRule> rules, List<ValidationCheck> checks,
			Collection<String> ignoredTables, Duration statementTimeout) {
		JdbcTemplate jdbc = new JdbcTemplate(primary);
		// the JDBC query timeout counts whole seconds, so it is at least one
		jdbc.setQueryTimeout((int) Math.max(1, (statementTimeout.toMillis() + 999) / 1000));
		Set<String> ignored = ignoredTables.stream()
			.map((table) -> table.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		this.catalog = new CatalogChecks(jdbc, ignored, SEQUENCE_THRESHOLD);
		TransactionTemplate readOnly = new TransactionTemplate(new DataSourceTransactionManager(primary));
		readOnly.setReadOnly(true);
		this.rules = new DataRules(jdbc, readOnly, rules, statementTimeout);
		this.checks = List.copyOf(checks);
	}

	/**
	 * Run every check, showing up to five violating rows of each data validation rule.
	 * For the operator's own commands; see {@link #validate(boolean)}.
	 * @return what was found, errors first
	 */
	public ValidationReport validate() {
		return validate(true);
	}

	/**
	 * Run every check.
	 * @param rowValues whether findings of data validation rules show up to five
	 * violating rows' column values; without them a finding holds the count of violating
	 * rows and the rule's query with its literals masked
	 * @return what was found, errors first
	 */
	public ValidationReport validate(boolean rowValues) {
		List<ValidationFinding> findings = new ArrayList<>();
		for (ValidationCheck check : this.checks) {
			findings.addAll(check.check());
		}
		findings.addAll(this.catalog.run());
		findings.addAll(this.rules.run(rowValues));
		findings.sort(Comparator.comparing(ValidationFinding::severity).reversed());
		List<String> names = new ArrayList<>();
		this.checks.forEach((check) -> names.add(check.name()));
		names.addAll(CatalogChecks.NAMES);
		names.addAll(this.rules.names());
		return new ValidationReport(Instant.now(), names, findings);
	}

}
