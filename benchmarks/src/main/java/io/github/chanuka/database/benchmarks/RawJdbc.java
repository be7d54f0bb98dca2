package io.github.chanuka.database.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Hand-written pgjdbc calls doing what Spring's transaction manager does for the same
 * transaction (read-only flag, auto-commit off, commit, and the pool's reset on close),
 * on a plain HikariCP pool (the baseline) or on the starter's {@code DataSource} bean
 * (the same calling code, so the difference is the starter's data source layer alone).
 */
final class RawJdbc implements Variant.Stack {

	private final DataSource pool;

	private final AutoCloseable owner;

	private final Runnable warm;

	RawJdbc(BenchTarget target, boolean readOnly) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("raw");
		config.setJdbcUrl(readOnly ? target.readUrl() : target.primaryUrl());
		config.setUsername(target.username());
		config.setPassword(target.password());
		config.setMaximumPoolSize(BenchTarget.POOL_SIZE);
		config.setMinimumIdle(BenchTarget.POOL_SIZE);
		HikariDataSource hikari = new HikariDataSource(config);
		this.pool = hikari;
		this.owner = hikari;
		this.warm = () -> SpringStack.fillQuietly(hikari);
	}

	RawJdbc(ConfigurableApplicationContext context) {
		this.pool = context.getBean(DataSource.class);
		this.owner = context;
		SpringStack stack = new SpringStack(context);
		this.warm = stack::warmPoolQuietly;
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
	public void warmPool() {
		this.warm.run();
	}

	@Override
	public void close() {
		try {
			this.owner.close();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not close the " + this.owner, ex);
		}
	}

}
