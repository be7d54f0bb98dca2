package io.github.chanuka.database.ops.backup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;
import io.github.chanuka.database.pool.JdbcUrls;
import org.jspecify.annotations.Nullable;

/**
 * The primary's connection settings as the libpq client tools take them: a
 * connection string without the password, and the password in {@code PGPASSWORD}. A URL
 * without a host means {@code localhost:5432}, as it does to the JDBC driver, not
 * libpq's Unix socket.
 *
 * @param conninfo the libpq connection string, free of secrets
 * @param environment variables for the child process, holding the password
 * @param database the database name
 * @author Chanuka Database
 */
record ConnectionOptions(String conninfo, Map<String, String> environment, String database) {

	private static final List<Map.Entry<String, String>> LIBPQ_PARAMETERS = List.of(Map.entry("sslmode", "sslmode"),
			Map.entry("sslrootcert", "sslrootcert"), Map.entry("sslcert", "sslcert"), Map.entry("sslkey", "sslkey"),
			Map.entry("connecttimeout", "connect_timeout"), Map.entry("applicationname", "application_name"),
			Map.entry("options", "options"));

	private static final String DEFAULT_HOST = "localhost";

	private static final String DEFAULT_PORT = "5432";

	static ConnectionOptions of(HikariDataSource pool) {
		return of(pool, null);
	}

	/**
	 * Return the options of a pool's database.
	 * @param pool the pool
	 * @param lockTimeout how long each statement waits for a lock, {@code null} for the
	 * server's setting
	 * @return the options
	 */
	static ConnectionOptions of(HikariDataSource pool, @Nullable Duration lockTimeout) {
		String url = pool.getJdbcUrl();
		if (!JdbcUrls.isPostgres(url)) {
			throw new BackupException("The primary's URL " + JdbcUrls.mask(url) + " is not a PostgreSQL JDBC URL",
					"Set chanuka.database.url to a jdbc:postgresql:// URL", true);
		}
		Map<String, String> parameters = new LinkedHashMap<>(JdbcUrls.parameters(url));
		Properties properties = pool.getDataSourceProperties();
		properties.stringPropertyNames()
			.forEach((name) -> parameters.put(name.toLowerCase(Locale.ROOT), properties.getProperty(name)));
		Map<String, String> conninfo = new LinkedHashMap<>();
		String location = url.substring(JdbcUrls.PREFIX.length());
		int query = location.indexOf('?');
		location = (query >= 0) ? location.substring(0, query) : location;
		String database;
		if (location.startsWith("//")) {
			int slash = location.indexOf('/', 2);
			String hosts = (slash >= 0) ? location.substring(2, slash) : location.substring(2);
			database = (slash >= 0) ? location.substring(slash + 1) : "";
			addHosts(hosts, conninfo);
		}
		else {
			database = location.startsWith("/") ? location.substring(1) : location;
			addHosts("", conninfo);
		}
		if (!database.isEmpty()) {
			conninfo.put("dbname", database);
		}
		String user = (pool.getUsername() != null) ? pool.getUsername() : parameters.get("user");
		if (user != null) {
			conninfo.put("user", user);
		}
		for (Map.Entry<String, String> parameter : LIBPQ_PARAMETERS) {
			if (parameters.containsKey(parameter.getKey())) {
				conninfo.put(parameter.getValue(), parameters.get(parameter.getKey()));
			}
		}
		if (!conninfo.containsKey("sslmode") && "true".equalsIgnoreCase(parameters.get("ssl"))) {
			conninfo.put("sslmode", "verify-full");
		}
		String target = parameters.getOrDefault("targetservertype", "");
		if (target.equalsIgnoreCase("primary") || target.equalsIgnoreCase("master")) {
			conninfo.put("target_session_attrs", "read-write");
		}
		conninfo.putIfAbsent("application_name", "chanuka-database-backup");
		if (lockTimeout != null) {
			String options = conninfo.getOrDefault("options", "");
			conninfo.put("options", (options.isBlank() ? "" : options.strip() + " ") + "-c lock_timeout="
					+ Math.max(1, lockTimeout.toMillis()));
		}
		Map<String, String> environment = new LinkedHashMap<>();
		String password = (pool.getPassword() != null) ? pool.getPassword() : parameters.get("password");
		if (password != null) {
			environment.put("PGPASSWORD", password);
		}
		return new ConnectionOptions(format(conninfo), Map.copyOf(environment), database);
	}

	/**
	 * Return the same options for another database on the same server.
	 * @param other the database name
	 * @return the options
	 */
	ConnectionOptions withDatabase(String other) {
		// libpq takes the last of a repeated keyword
		return new ConnectionOptions(this.conninfo + " dbname='" + other.replace("\\", "\\\\").replace("'", "\\'") + "'",
				this.environment, other);
	}

	private static void addHosts(String hosts, Map<String, String> conninfo) {
		List<String> names = new ArrayList<>();
		List<String> ports = new ArrayList<>();
		for (String host : hosts.split(",", -1)) {
			int colon = host.lastIndexOf(':');
			boolean hasPort = colon > host.lastIndexOf(']');
			String name = hasPort ? host.substring(0, colon) : host;
			name = name.startsWith("[") ? name.substring(1, name.length() - 1) : name;
			names.add(name.isEmpty() ? DEFAULT_HOST : name);
			ports.add(hasPort ? host.substring(colon + 1) : DEFAULT_PORT);
		}
		conninfo.put("host", String.join(",", names));
		conninfo.put("port", String.join(",", ports));
	}

	private static String format(Map<String, String> conninfo) {
		StringBuilder formatted = new StringBuilder();
		conninfo.forEach((key, value) -> {
			if (formatted.length() > 0) {
				formatted.append(' ');
			}
			formatted.append(key).append("='").append(value.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
		});
		return formatted.toString();
	}

	@Override
	public String toString() {
		return "ConnectionOptions[" + this.conninfo + "]";
	}

}
