package io.github.chanuka.database.ops.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

/**
 * The session-level advisory lock that lets one application instance at a time run a
 * scheduled backup of a database. It is held on a connection borrowed from the primary's
 * pool and released before the connection goes back; a connection that cannot release
 * it is evicted, so the lock never lingers in the pool.
 *
 * @author Chanuka Database
 */
final class ScheduleLock {

	// "chanuka" in ASCII: advisory lock keys are per database, shared by all its clients
	static final long KEY = 0x6368616e756b61L;

	private final HikariDataSource pool;

	private final Connection connection;

	private ScheduleLock(HikariDataSource pool, Connection connection) {
		this.pool = pool;
		this.connection = connection;
	}

	/**
	 * Take the lock unless another session holds it.
	 * @param pool the primary's pool
	 * @return the lock, or {@code null} when another session holds it
	 * @throws SQLException when the database cannot be asked
	 */
	static @Nullable ScheduleLock tryAcquire(HikariDataSource pool) throws SQLException {
		Connection connection = pool.getConnection();
		try {
			if (call(connection, "select pg_try_advisory_lock(?)")) {
				return new ScheduleLock(pool, connection);
			}
			connection.close();
			return null;
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	/**
	 * Release the lock and return the connection.
	 */
	void release() {
		try {
			try {
				call(this.connection, "select pg_advisory_unlock(?)");
			}
			catch (SQLException ex) {
				// a session that still holds the lock must not be reused
				this.pool.evictConnection(this.connection);
			}
		}
		finally {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				// closing a broken connection ends its session, and with it the lock
			}
		}
	}

	private static boolean call(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, KEY);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

}
