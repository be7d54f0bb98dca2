package io.github.chanuka.database.autoconfigure;

import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import io.github.chanuka.database.pool.JdbcUrls;
import io.github.chanuka.database.pool.NodeConnection;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Finds the primary: a service connection (a {@link ChanukaDatabaseConnectionDetails} or
 * {@code JdbcConnectionDetails} bean, such as a Testcontainers {@code @ServiceConnection})
 * wins over properties, as in Spring Boot;
 * then {@code chanuka.database.url}, then {@code spring.datasource.*}, then
 * {@code DATABASE_URL}, then {@code DB_HOST} and its companions.
 * {@code chanuka.database.username} and {@code password} override the credentials of
 * whichever property source wins; a service connection brings its own.
 *
 * @author Chanuka Database
 */
final class PrimaryConnectionResolver {

	private static final String SOURCES = "chanuka.database.url, spring.datasource.url, DATABASE_URL or DB_HOST";

	private PrimaryConnectionResolver() {
	}

	static NodeConnection resolve(ChanukaDatabaseProperties properties, Environment environment,
			@Nullable ServiceConnection serviceConnection) {
		NodeConnection found = find(properties, environment, serviceConnection);
		NodeConnection connection = found.source().equals(ServiceConnection.SOURCE) ? found
				: new NodeConnection(found.jdbcUrl(), firstText(properties.getUsername(), found.username()),
						firstText(properties.getPassword(), found.password()), found.source());
		if (!JdbcUrls.isPostgres(connection.jdbcUrl())) {
			throw new InvalidDatabaseConfigurationException(connection.source(), connection.maskedUrl(),
					"Chanuka Database supports PostgreSQL only, and this is not a PostgreSQL JDBC URL",
					"Use a URL of the form jdbc:postgresql://host:5432/database, or set chanuka.database.enabled=false "
							+ "to keep Spring Boot's own DataSource.");
		}
		String problem = JdbcUrls.problem(connection.jdbcUrl());
		if (problem != null) {
			throw new InvalidDatabaseConfigurationException(connection.source(), connection.maskedUrl(),
					"The primary's JDBC URL cannot be used: " + problem,
					JdbcUrls.holdsSeveralUrls(connection.jdbcUrl()) ? giveOnce(connection.source())
							: "Use a URL of the form jdbc:postgresql://host:5432/database; for several hosts, "
									+ "jdbc:postgresql://host-1:5432,host-2:5432/database?targetServerType=primary.");
		}
		return connection;
	}

	/**
	 * The fix for several URLs joined into one value.
	 * @param key the key given more than once
	 * @return the fix
	 */
	static String giveOnce(String key) {
		return "Give " + key + " once; a comma separates the hosts of one URL: "
				+ "jdbc:postgresql://host-1:5432,host-2:5432/database.";
	}

	private static NodeConnection find(ChanukaDatabaseProperties properties, Environment environment,
			@Nullable ServiceConnection serviceConnection) {
		if (serviceConnection != null) {
			return serviceConnection.primary();
		}
		if (StringUtils.hasText(properties.getUrl())) {
			return new NodeConnection(properties.getUrl().trim(), null, null, "chanuka.database.url");
		}
		String springUrl = environment.getProperty("spring.datasource.url");
		if (StringUtils.hasText(springUrl)) {
			return new NodeConnection(springUrl.trim(), environment.getProperty("spring.datasource.username"),
					environment.getProperty("spring.datasource.password"), "spring.datasource.url");
		}
		String databaseUrl = environment.getProperty(DatabaseUrlParser.VARIABLE);
		if (StringUtils.hasText(databaseUrl)) {
			return DatabaseUrlParser.parse(databaseUrl);
		}
		String host = environment.getProperty("DB_HOST");
		if (StringUtils.hasText(host)) {
			return fromVariables(host.trim(), environment);
		}
		throw new InvalidDatabaseConfigurationException("chanuka.database.url", null,
				"No primary database is configured: none of " + SOURCES + " is set",
				"Set chanuka.database.url (for example jdbc:postgresql://localhost:5432/app) with "
						+ "chanuka.database.username and chanuka.database.password, or spring.datasource.url, "
						+ "or the DATABASE_URL environment variable.");
	}

	private static NodeConnection fromVariables(String host, Environment environment) {
		String port = environment.getProperty("DB_PORT", "5432").trim();
		if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
			throw new InvalidDatabaseConfigurationException("DB_PORT", port, "DB_PORT is not a port number",
					"Set DB_PORT to a number from 1 to 65535, or leave it unset for 5432.");
		}
		String name = environment.getProperty("DB_NAME");
		if (!StringUtils.hasText(name)) {
			throw new InvalidDatabaseConfigurationException("DB_NAME", null,
					"DB_HOST is set but DB_NAME, the database to connect to, is not",
					"Set DB_NAME to the database name, or set chanuka.database.url instead of the DB_* variables.");
		}
		String url = JdbcUrls.PREFIX + "//" + host + ":" + port + "/" + name.trim();
		return new NodeConnection(url, environment.getProperty("DB_USER"), environment.getProperty("DB_PASSWORD"),
				"DB_HOST");
	}

	private static @Nullable String firstText(@Nullable String preferred, @Nullable String fallback) {
		return StringUtils.hasText(preferred) ? preferred : fallback;
	}

}
