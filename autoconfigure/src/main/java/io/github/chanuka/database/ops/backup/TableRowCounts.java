package io.github.chanuka.database.ops.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counts the rows of every table a dump holds data for (ordinary and partitioned tables
 * outside the system schemas, not members of an extension), by exact {@code count(*)}.
 *
 * @author Chanuka Database
 */
final class TableRowCounts {

	private static final String TABLES = """
			select format('%I.%I', n.nspname, c.relname)
			from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where c.relkind in ('r', 'p') and c.relpersistence <> 't'
			  and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%'
			  and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass
			                  and d.objid = c.oid and d.deptype = 'e')
			order by 1
			""";

	private TableRowCounts() {
	}

	/**
	 * Count the rows of every table the connection sees.
	 * @param connection the connection, in the transaction whose snapshot counts
	 * @return rows per table, by schema-qualified quoted name
	 * @throws SQLException when a count fails
	 */
	static SortedMap<String, Long> of(Connection connection) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(TABLES)) {
			while (result.next()) {
				tables.add(result.getString(1));
			}
		}
		SortedMap<String, Long> counts = new TreeMap<>();
		try (Statement statement = connection.createStatement()) {
			for (String table : tables) {
				// the name comes quoted by format('%I.%I') from the catalog
				try (ResultSet result = statement.executeQuery("select count(*) from " + table)) {
					result.next();
					counts.put(table, result.getLong(1));
				}
			}
		}
		return counts;
	}

}
