package io.github.chanuka.database.embedded;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Minimal JDBC helpers for assertions.
 */
final class Jdbc {

	private Jdbc() {
	}

	static <T> T queryForObject(PostgresNode node, String sql, Class<T> type) throws SQLException {
		return queryForObject(node.dataSource(), sql, type);
	}

	static <T> T queryForObject(DataSource dataSource, String sql, Class<T> type) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			if (!result.next()) {
				throw new SQLException("No row from " + sql);
			}
			return result.getObject(1, type);
		}
	}

	static void execute(PostgresNode node, String... statements) throws SQLException {
		try (Connection connection = node.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

}
