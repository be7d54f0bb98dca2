package io.github.chanuka.database.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.chanuka.database.autoconfigure.ChanukaDataSourceAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaOperationsAutoConfiguration;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A fresh database per test on the embedded primary, and an application context on it.
 */
final class OperationsTestDatabases {

	private OperationsTestDatabases() {
	}

	static String create(PostgresCluster cluster, String name) {
		String database = name.toLowerCase(Locale.ROOT);
		JdbcTemplate admin = new JdbcTemplate(cluster.primary().dataSource());
		admin.execute("drop database if exists " + database + " with (force)");
		admin.execute("create database " + database);
		return database;
	}

	static String url(PostgresCluster cluster, String database) {
		PostgresNode primary = cluster.primary();
		return "jdbc:postgresql://" + primary.host() + ":" + primary.port() + "/" + database;
	}

	static JdbcTemplate jdbc(PostgresCluster cluster, String database) {
		PostgresNode primary = cluster.primary();
		return new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), url(cluster, database),
				primary.username(), primary.password()));
	}

	static ApplicationContextRunner runner(PostgresCluster cluster, String database, String... properties) {
		PostgresNode primary = cluster.primary();
		List<String> values = new ArrayList<>(List.of("chanuka.database.url=" + url(cluster, database),
				"chanuka.database.username=" + primary.username(), "chanuka.database.password=" + primary.password()));
		values.addAll(List.of(properties));
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class,
					ChanukaOperationsAutoConfiguration.class))
			.withPropertyValues(values.toArray(String[]::new));
	}

}
