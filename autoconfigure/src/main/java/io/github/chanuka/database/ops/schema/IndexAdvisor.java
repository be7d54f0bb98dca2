package io.github.chanuka.database.ops.schema;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Index advice from the primary's catalog and usage statistics: unused indexes,
 * duplicate indexes, invalid indexes, foreign keys without an index and sizeable
 * tables read mostly by sequential scans, each with the {@code CONCURRENTLY} statement
 * that acts on it. Behind {@code db indexes} and {@code /actuator/database/indexes}.
 * Only reads; never runs the statements it recommends.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class IndexAdvisor {

	/**
	 * Sequential scans a table needs before it is reported, by default.
	 */
	public static final long DEFAULT_MINIMUM_SEQUENTIAL_SCANS = 50;

	/**
	 * Live rows a table needs before its sequential scans are reported, by default;
	 * scanning smaller tables is usually the fastest plan.
	 */
	public static final long DEFAULT_MINIMUM_ROWS = 10_000;

	private final JdbcTemplate jdbc;

	private final long minimumSequentialScans;

	private final long minimumRows;

	/**
	 * Create an advisor with the default thresholds.
	 * @param primary the primary's pool
	 */
	public IndexAdvisor(DataSource primary) {
		this(primary, DEFAULT_MINIMUM_SEQUENTIAL_SCANS, DEFAULT_MINIMUM_ROWS);
	}

	/**
	 * Create an advisor.
	 * @param primary the primary's pool
	 * @param minimumSequentialScans sequential scans a table needs before it is reported
	 * @param minimumRows live rows a table needs before it is reported
	 */
	public IndexAdvisor(DataSource primary, long minimumSequentialScans, long minimumRows) {
		this.jdbc = new JdbcTemplate(primary);
		this.jdbc.setQueryTimeout(30);
		this.minimumSequentialScans = minimumSequentialScans;
		this.minimumRows = minimumRows;
	}

	/**
	 * Compute the advice.
	 * @return the advice
	 */
	public IndexReport advise() {
		List<IndexAdvice> advice = new ArrayList<>();
		advice.addAll(invalidIndexes());
		advice.addAll(duplicateIndexes());
		advice.addAll(unusedIndexes());
		List<UnindexedForeignKey> foreignKeys = UnindexedForeignKey.find(this.jdbc);
		advice.addAll(unindexedForeignKeys(foreignKeys));
		advice.addAll(sequentialScanTables(foreignKeys));
		Timestamp statisticsReset = this.jdbc.queryForObject(CatalogQueries.STATISTICS_RESET, Timestamp.class);
		return new IndexReport(Instant.now(), (statisticsReset != null) ? statisticsReset.toInstant() : null, advice);
	}

	private List<IndexAdvice> invalidIndexes() {
		return this.jdbc.query(CatalogQueries.INVALID_INDEXES, (rs, row) -> {
			String index = rs.getString("index_name");
			return new IndexAdvice(IndexAdvice.Kind.INVALID, rs.getString("table_name"), index,
					rs.getLong("size_bytes"),
					"invalid after a failed concurrent build: maintained on every write, never used by queries",
					IndexStatements.dropConcurrently(index) + " "
							+ IndexStatements.createConcurrently(rs.getString("definition")) + ";");
		});
	}

	private List<IndexAdvice> duplicateIndexes() {
		Map<String, List<IndexDefinition>> bySignature = new LinkedHashMap<>();
		this.jdbc.query(CatalogQueries.INDEX_SIGNATURES, (rs) -> {
			IndexDefinition index = new IndexDefinition(rs.getString("index_name"), rs.getString("table_name"),
					rs.getBoolean("is_primary"), rs.getBoolean("is_unique"), rs.getBoolean("backs_constraint"),
					rs.getString("definition"), rs.getLong("size_bytes"));
			bySignature.computeIfAbsent(rs.getLong("table_oid") + " " + rs.getString("signature"), (key) -> new ArrayList<>())
				.add(index);
		});
		List<IndexAdvice> advice = new ArrayList<>();
		for (List<IndexDefinition> group : bySignature.values()) {
			if (group.size() > 1) {
				group.sort(IndexDefinition.KEEP_FIRST);
				IndexDefinition kept = group.get(0);
				for (IndexDefinition duplicate : group.subList(1, group.size())) {
					advice.add(duplicate.adviceAgainst(kept));
				}
			}
		}
		return advice;
	}

	private List<IndexAdvice> unusedIndexes() {
		return this.jdbc.query(CatalogQueries.UNUSED_INDEXES, (rs, row) -> {
			String index = rs.getString("index_name");
			long size = rs.getLong("size_bytes");
			return new IndexAdvice(IndexAdvice.Kind.UNUSED, rs.getString("table_name"), index, size,
					"never scanned since statistics were reset; costs " + readable(size)
							+ " and work on every write (check replicas' usage too before dropping)",
					IndexStatements.dropConcurrently(index));
		});
	}

	private static List<IndexAdvice> unindexedForeignKeys(List<UnindexedForeignKey> foreignKeys) {
		return foreignKeys.stream()
			.map((key) -> new IndexAdvice(IndexAdvice.Kind.UNINDEXED_FOREIGN_KEY, key.table(), null, 0,
					"foreign key " + key.constraint() + " (" + key.columns() + ") -> " + key.referencedTable()
							+ " has no index: deletes and updates of the referenced rows scan the whole table",
					key.createIndexStatement(), key.columnList()))
			.toList();
	}

	/**
	 * Sequentially scanned tables, naming the columns of their unindexed foreign keys
	 * when they have some: joins and lookups by a reference are the usual cause.
	 */
	private List<IndexAdvice> sequentialScanTables(List<UnindexedForeignKey> foreignKeys) {
		return this.jdbc.query(CatalogQueries.SEQUENTIAL_SCAN_TABLES, (rs, row) -> {
			String table = rs.getString("table_name");
			long size = rs.getLong("size_bytes");
			String reason = rs.getLong("seq_scan") + " sequential scans against " + rs.getLong("idx_scan")
					+ " index scans, " + rs.getLong("seq_tup_read") + " rows read that way; "
					+ rs.getLong("n_live_tup") + " rows, " + readable(size);
			UnindexedForeignKey key = foreignKeys.stream()
				.filter((candidate) -> candidate.table().equals(table))
				.findFirst()
				.orElse(null);
			if (key == null) {
				return new IndexAdvice(IndexAdvice.Kind.SEQUENTIAL_SCANS, table, null, size, reason,
						"CREATE INDEX CONCURRENTLY ON " + table + " (<columns your queries filter or join on>);");
			}
			return new IndexAdvice(IndexAdvice.Kind.SEQUENTIAL_SCANS, table, null, size,
					reason + "; its foreign key columns (" + key.columns() + ") -> " + key.referencedTable()
							+ " have no index, the likely filter or join",
					key.createIndexStatement(), key.columnList());
		}, this.minimumSequentialScans, this.minimumRows);
	}

	static String readable(long bytes) {
		DataSize size = DataSize.ofBytes(bytes);
		if (size.toMegabytes() >= 10) {
			return size.toMegabytes() + " MB";
		}
		if (size.toKilobytes() >= 10) {
			return size.toKilobytes() + " kB";
		}
		return bytes + " bytes";
	}

	private record IndexDefinition(String name, String table, boolean primary, boolean unique,
			boolean backsConstraint, String definition, long sizeBytes) {

		static final Comparator<IndexDefinition> KEEP_FIRST = Comparator.comparing(IndexDefinition::primary)
			.thenComparing(IndexDefinition::backsConstraint)
			.thenComparing(IndexDefinition::unique)
			.reversed()
			.thenComparing(IndexDefinition::name);

		IndexAdvice adviceAgainst(IndexDefinition kept) {
			String reason = "same table, key columns and options as " + kept.name() + " (" + kept.definition() + ")";
			if (this.backsConstraint) {
				return new IndexAdvice(IndexAdvice.Kind.DUPLICATE, this.table, this.name, this.sizeBytes,
						reason + "; it backs a constraint, so drop the constraint instead if it is redundant",
						"ALTER TABLE " + this.table + " DROP CONSTRAINT <constraint backed by " + this.name + ">;");
			}
			return new IndexAdvice(IndexAdvice.Kind.DUPLICATE, this.table, this.name, this.sizeBytes,
					reason + (this.unique ? "; it is unique, so check " + kept.name() + " enforces the same" : ""),
					IndexStatements.dropConcurrently(this.name));
		}

	}

}
