package io.github.chanuka.database.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The baseline: a HikariCP pool and hand-written pgjdbc calls, doing what Spring's
 * transaction manager does for the same transaction (read-only flag, auto-commit off,
 * commit, and Hikari's reset on close).
 */
final class RawJdbc implements Variant.Stack {

	private final HikariDataSource pool;

	RawJdbc(BenchTarget target, boolean readOnly) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("raw");
		config.setJdbcUrl(readOnly ? target.readUrl() : target.primaryUrl());
		config.setUsername(target.username());
		config.setPassword(target.password());
		config.setMaximumPoolSize(BenchTarget.POOL_SIZE);
		config.setMinimumIdle(BenchTarget.POOL_SIZE);
		this.pool = new HikariDataSource(config);
	}

	@Override
	public String findName(long id) throws SQLException {
		try (Connection connection = this.pool.getConnection()) {
			connection.setReadOnly(true);
			connection.setAutoCommit(false);
			try (PreparedStatement statement = connection.prepareStatement(BenchSchema.SELECT)) {
				statement.setLong(1, id);
				try (ResultSet result = statement.executeQuery()) {
					String name = result.next() ? result.getString(1) : null;
					connection.commit();
					return name;
				}
			}
			catch (SQLException ex) {
				connection.rollback();
				throw ex;
			}
		}
	}

	@Override
	public int insert(long itemId, String note) throws SQLException {
		try (Connection connection = this.pool.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement statement = connection.prepareStatement(BenchSchema.INSERT)) {
				statement.setLong(1, itemId);
				statement.setString(2, note);
				int rows = statement.executeUpdate();
				connection.commit();
				return rows;
			}
			catch (SQLException ex) {
				connection.rollback();
				throw ex;
			}
		}
	}

	@Override
	public void warmPool() throws SQLException {
		SpringStack.fill(this.pool);
	}

	@Override
	public void close() {
		this.pool.close();
	}

}
