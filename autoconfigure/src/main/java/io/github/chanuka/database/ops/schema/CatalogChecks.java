package io.github.chanuka.database.ops.schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Schema checks read from the PostgreSQL catalog.
 *
 * @author Chanuka Database
 */
final class CatalogChecks {

	static final List<String> NAMES = List.of("not-valid-constraint", "invalid-index", "missing-primary-key",
			"sequence-exhaustion", "unindexed-foreign-key");

	private final JdbcTemplate jdbc;

	private final Set<String> ignoredTables;

	private final double sequenceThreshold;

	CatalogChecks(JdbcTemplate jdbc, Set<String> ignoredTables, double sequenceThreshold) {
		this.jdbc = jdbc;
		this.ignoredTables = ignoredTables;
		this.sequenceThreshold = sequenceThreshold;
	}

	List<ValidationFinding> run() {
		List<ValidationFinding> findings = new ArrayList<>();
		findings.addAll(notValidConstraints());
		findings.addAll(invalidIndexes());
		findings.addAll(tablesWithoutPrimaryKey());
		findings.addAll(sequencesNearExhaustion());
		findings.addAll(unindexedForeignKeys());
		return findings;
	}

	private List<ValidationFinding> notValidConstraints() {
		return this.jdbc.query(CatalogQueries.NOT_VALID_CONSTRAINTS, (rs, row) -> {
			String table = rs.getString("table_name");
			String constraint = rs.getString("constraint_name");
			return new ValidationFinding("not-valid-constraint", Severity.WARNING, table + "." + constraint,
					"constraint " + constraint + " (" + rs.getString("definition")
							+ ") is NOT VALID: existing rows were never checked against it",
					"fix the rows that break it, then run: ALTER TABLE " + table + " VALIDATE CONSTRAINT "
							+ constraint + ";");
		});
	}

	private List<ValidationFinding> invalidIndexes() {
		return this.jdbc.query(CatalogQueries.INVALID_INDEXES, (rs, row) -> {
			String index = rs.getString("index_name");
			return new ValidationFinding("invalid-index", Severity.ERROR, index,
					"index " + index + " on " + rs.getString("table_name")
							+ " is invalid (a failed CREATE INDEX CONCURRENTLY): it is maintained on every write but never used",
					"rebuild it: DROP INDEX CONCURRENTLY " + index + "; "
							+ IndexStatements.createConcurrently(rs.getString("definition")) + ";");
		});
	}

	// ignored tables map to null, filtered out: RowMapper<@Nullable T> needs NullAway's JSpecify mode (JDK 22+)
	@SuppressWarnings("NullAway")
	private List<ValidationFinding> tablesWithoutPrimaryKey() {
		return this.jdbc.query(CatalogQueries.TABLES_WITHOUT_PRIMARY_KEY, (rs, row) -> {
			if (this.ignoredTables.contains(rs.getString("table_name").toLowerCase(Locale.ROOT))) {
				return null;
			}
			String table = rs.getString("qualified_name");
			return new ValidationFinding("missing-primary-key", Severity.WARNING, table,
					"table " + table + " has no primary key: rows cannot be told apart, and logical replication"
							+ " cannot replicate its updates and deletes",
					"add one: ALTER TABLE " + table + " ADD PRIMARY KEY (<columns>); or ALTER TABLE " + table
							+ " ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;");
		}).stream().filter((finding) -> finding != null).toList();
	}

	private List<ValidationFinding> sequencesNearExhaustion() {
		return this.jdbc.query(CatalogQueries.SEQUENCES_NEAR_EXHAUSTION, (rs, row) -> {
			String sequence = rs.getString("sequence_name");
			BigDecimal used = rs.getBigDecimal("used").multiply(BigDecimal.valueOf(100)).setScale(1,
					RoundingMode.HALF_UP);
			boolean bigint = "bigint".equals(rs.getString("data_type"));
			return new ValidationFinding("sequence-exhaustion",
					(used.compareTo(BigDecimal.valueOf(95)) >= 0) ? Severity.ERROR : Severity.WARNING, sequence,
					"sequence " + sequence + " has used " + used.toPlainString() + "% of its range (at "
							+ rs.getLong("last_value") + " of " + rs.getLong("max_value") + ")",
					bigint ? "raise its limit: ALTER SEQUENCE " + sequence + " MAXVALUE 9223372036854775807;"
							: "widen it and the columns it feeds to bigint: ALTER SEQUENCE " + sequence
									+ " AS bigint; ALTER TABLE <table> ALTER COLUMN <column> TYPE bigint;");
		}, this.sequenceThreshold);
	}

	private List<ValidationFinding> unindexedForeignKeys() {
		return UnindexedForeignKey.find(this.jdbc)
			.stream()
			.map((key) -> new ValidationFinding("unindexed-foreign-key", Severity.WARNING,
					key.table() + "." + key.constraint(),
					"foreign key " + key.constraint() + " (" + key.columns() + ") -> " + key.referencedTable()
							+ " has no index on its columns: deletes and updates of " + key.referencedTable()
							+ " scan all of " + key.table(),
					"index it: " + key.createIndexStatement()))
			.toList();
	}

}
