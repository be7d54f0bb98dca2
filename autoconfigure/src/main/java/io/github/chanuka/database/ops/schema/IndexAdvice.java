package io.github.chanuka.database.ops.schema;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One piece of index advice, with the statement that acts on it. The statement is for
 * a person to review and run; it is never run for them.
 *
 * @param kind what was found
 * @param table the table concerned
 * @param index the index concerned, {@code null} for advice about a table
 * @param sizeBytes the size of the index, or of the table for sequential-scan advice
 * @param reason why this is advised
 * @param statement the statement to run, such as
 * {@code DROP INDEX CONCURRENTLY public.bills_title_idx;}
 * @param columns the columns an index should be created on, quoted where needed; empty
 * when the advice is not to create one or the columns are not known
 * @author Chanuka Database
 * @since 0.1.0
 */
public record IndexAdvice(Kind kind, String table, @Nullable String index, long sizeBytes, String reason,
		String statement, List<String> columns) {

	/**
	 * Create advice that names no columns to index.
	 * @param kind what was found
	 * @param table the table concerned
	 * @param index the index concerned, {@code null} for advice about a table
	 * @param sizeBytes the size of the index, or of the table for sequential-scan advice
	 * @param reason why this is advised
	 * @param statement the statement to run
	 */
	public IndexAdvice(Kind kind, String table, @Nullable String index, long sizeBytes, String reason,
			String statement) {
		this(kind, table, index, sizeBytes, reason, statement, List.of());
	}

	/**
	 * What the advice is about.
	 */
	public enum Kind {

		/**
		 * An index never scanned since statistics were last reset.
		 */
		UNUSED,

		/**
		 * An index with the same table, key columns, operator classes, expressions and
		 * predicate as another.
		 */
		DUPLICATE,

		/**
		 * An index left invalid by a failed concurrent build.
		 */
		INVALID,

		/**
		 * A foreign key whose columns lead no index.
		 */
		UNINDEXED_FOREIGN_KEY,

		/**
		 * A sizeable table read mostly by sequential scans.
		 */
		SEQUENTIAL_SCANS;

		/**
		 * Return the lower-case, hyphenated name used in output.
		 * @return the name, such as {@code unindexed-foreign-key}
		 */
		public String displayName() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

}
