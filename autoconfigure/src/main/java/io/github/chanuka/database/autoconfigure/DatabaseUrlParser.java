package io.github.chanuka.database.autoconfigure;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import io.github.chanuka.database.pool.JdbcUrls;
import io.github.chanuka.database.pool.NodeConnection;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@code DATABASE_URL} ({@code postgres://user:pass@host:port/db?sslmode=...}
 * or {@code postgresql://...}, several comma-separated hosts allowed) into a JDBC URL
 * and credentials.
 *
 * @author Chanuka Database
 */
final class DatabaseUrlParser {

	static final String VARIABLE = "DATABASE_URL";

	private static final String EXAMPLE = "postgres://user:password@host:5432/database?sslmode=require";

	private DatabaseUrlParser() {
	}

	static NodeConnection parse(String databaseUrl) {
		String masked = JdbcUrls.mask(databaseUrl);
		String rest = stripScheme(databaseUrl.trim(), masked);
		int slash = rest.indexOf('/');
		if (slash < 0) {
			throw malformed(masked, "it names no database");
		}
		String authority = rest.substring(0, slash);
		String pathAndQuery = rest.substring(slash + 1);
		int query = pathAndQuery.indexOf('?');
		String database = decode((query < 0) ? pathAndQuery : pathAndQuery.substring(0, query));
		String parameters = (query < 0) ? "" : pathAndQuery.substring(query + 1);
		if (database.isBlank()) {
			throw malformed(masked, "it names no database");
		}
		int at = authority.lastIndexOf('@');
		String userInfo = (at < 0) ? null : authority.substring(0, at);
		String hosts = (at < 0) ? authority : authority.substring(at + 1);
		checkHosts(hosts, masked);
		String username = null;
		String password = null;
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			username = decode((colon < 0) ? userInfo : userInfo.substring(0, colon));
			password = (colon < 0) ? null : decode(userInfo.substring(colon + 1));
		}
		String jdbcUrl = JdbcUrls.PREFIX + "//" + hosts + "/" + database + (parameters.isEmpty() ? "" : "?" + parameters);
		return new NodeConnection(jdbcUrl, emptyToNull(username), emptyToNull(password), VARIABLE);
	}

	private static String stripScheme(String url, String masked) {
		String lower = url.toLowerCase(Locale.ROOT);
		for (String scheme : List.of("postgres://", "postgresql://")) {
			if (lower.startsWith(scheme)) {
				return url.substring(scheme.length());
			}
		}
		throw malformed(masked, "it does not start with postgres:// or postgresql://");
	}

	private static void checkHosts(String hosts, String masked) {
		List<String> problems = new ArrayList<>();
		for (String host : hosts.split(",", -1)) {
			int colon = host.lastIndexOf(':');
			String name = (colon < 0) ? host : host.substring(0, colon);
			if (name.isBlank()) {
				problems.add("a host name is empty");
			}
			if (colon >= 0 && !isPort(host.substring(colon + 1))) {
				problems.add("port '" + host.substring(colon + 1) + "' is not a number from 1 to 65535");
			}
		}
		if (!problems.isEmpty()) {
			throw malformed(masked, String.join(", ", problems));
		}
	}

	private static boolean isPort(String port) {
		try {
			int value = Integer.parseInt(port);
			return value > 0 && value <= 65535;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	private static InvalidDatabaseConfigurationException malformed(String masked, String problem) {
		return new InvalidDatabaseConfigurationException(VARIABLE, masked, "DATABASE_URL is malformed: " + problem,
				"Set DATABASE_URL in the form " + EXAMPLE + ", or set chanuka.database.url to a JDBC URL.");
	}

}
