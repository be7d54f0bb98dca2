package io.github.chanuka.database.node;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.core.BaseConnection;

/**
 * Reads a PostgreSQL server's WAL position as a byte offset, the form in which
 * positions are compared and carried in read-your-writes tokens.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public final class WalPositions {

	private static final String CURRENT = "select (pg_current_wal_insert_lsn() - '0/0')::bigint";

	private WalPositions() {
	}

	/**
	 * Return the primary's current WAL insert position: at or beyond the end of every
	 * transaction that committed on it. Runs one statement without opening a
	 * transaction (pgjdbc's own internal queries do the same), so it may follow a
	 * commit on a connection whose auto-commit is off without changing its state.
	 * @param connection a connection to the primary
	 * @return the position
	 * @throws SQLException when the statement fails, such as on a standby
	 */
	public static long current(Connection connection) throws SQLException {
		try (ResultSet result = connection.unwrap(BaseConnection.class).execSQLQuery(CURRENT)) {
			try (Statement statement = result.getStatement()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

}
