package io.github.chanuka.database.ops.schema;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A foreign key whose columns lead no index: deleting or updating a referenced row
 * scans the whole referencing table.
 *
 * @param table the referencing table
 * @param constraint the constraint name
 * @param columnList the referencing columns, quoted where needed, in key order
 * @param referencedTable the referenced table
 * @author Chanuka Database
 */
record UnindexedForeignKey(String table, String constraint, List<String> columnList, String referencedTable) {

	static List<UnindexedForeignKey> find(JdbcTemplate jdbc) {
		return jdbc.query(CatalogQueries.UNINDEXED_FOREIGN_KEYS,
				(rs, row) -> new UnindexedForeignKey(rs.getString("table_name"), rs.getString("constraint_name"),
						List.of((String[]) rs.getArray("column_list").getArray()), rs.getString("referenced_table")));
	}

	/**
	 * Return the referencing columns, comma separated.
	 * @return the columns
	 */
	String columns() {
		return String.join(", ", this.columnList);
	}

	String createIndexStatement() {
		return "CREATE INDEX CONCURRENTLY ON " + this.table + " (" + columns() + ");";
	}

}
