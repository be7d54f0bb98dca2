package io.github.chanuka.database.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
 * <p>
 * Parsing follows RFC 3986 as libpq does, with one leniency for generated passwords:
 * the user information ends at the last {@code @} before the query, so a password may
 * hold {@code @}, {@code :} and {@code /} unencoded. Components are percent-decoded
 * (never form-decoded: {@code +} stays {@code +}). Errors never repeat any part of the
 * URL, since any part of a malformed URL may be a piece of the password.
 *
 * @author Chanuka Database
 */
final class DatabaseUrlParser {

	static final String VARIABLE = "DATABASE_URL";

	static final String HIDDEN = "(not shown: it may hold a password)";

	private static final String EXAMPLE = "postgres://user:password@host:5432/database?sslmode=require";

	private static final String ENCODING_HINT = "percent-encode reserved characters in the user name and password "
			+ "(@ as %40, : as %3A, / as %2F, ? as %3F, # as %23, % as %25)";

	private DatabaseUrlParser() {
	}

	static NodeConnection parse(String databaseUrl) {
		String rest = stripScheme(databaseUrl.trim());
		if (JdbcUrls.holdsSeveralUrls(rest)) {
			throw malformed("it holds more than one URL joined by a comma; give one URL, with a comma between "
					+ "the hosts of that URL only, as in postgres://user:password@host-1:5432,host-2:5432/database");
		}
		int at = userInfoEnd(rest);
		String userInfo = (at < 0) ? null : rest.substring(0, at);
		String afterUserInfo = rest.substring(at + 1);
		int query = afterUserInfo.indexOf('?');
		String hostAndPath = (query < 0) ? afterUserInfo : afterUserInfo.substring(0, query);
		String parameters = (query < 0) ? "" : afterUserInfo.substring(query + 1);
		int slash = hostAndPath.indexOf('/');
		if (slash < 0) {
			throw malformed("it names no database");
		}
		String hosts = hosts(hostAndPath.substring(0, slash));
		String database = decode(hostAndPath.substring(slash + 1), "database name");
		if (database.isBlank()) {
			throw malformed("it names no database");
		}
		String username = null;
		String password = null;
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			username = decode((colon < 0) ? userInfo : userInfo.substring(0, colon), "user name");
			password = (colon < 0) ? null : decode(userInfo.substring(colon + 1), "password");
		}
		String jdbcUrl = JdbcUrls.PREFIX + "//" + hosts + "/" + formEncode(database)
				+ (parameters.isEmpty() ? "" : "?" + jdbcParameters(parameters));
		return new NodeConnection(jdbcUrl, emptyToNull(username), emptyToNull(password), VARIABLE);
	}

	/**
	 * The last {@code @} before the query; failing that, a later {@code @} when no
	 * {@code /} precedes it, since then the {@code ?} belongs to the password, not to a
	 * query such as {@code application_name=me@host}.
	 */
	private static int userInfoEnd(String rest) {
		int query = rest.indexOf('?');
		int at = (query < 0) ? rest.lastIndexOf('@') : rest.lastIndexOf('@', query);
		if (at < 0 && query >= 0) {
			int late = rest.lastIndexOf('@');
			if (late > query && rest.lastIndexOf('/', late) < 0) {
				return late;
			}
		}
		return at;
	}

	private static String stripScheme(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		for (String scheme : List.of("postgres://", "postgresql://")) {
			if (lower.startsWith(scheme)) {
				return url.substring(scheme.length());
			}
		}
		throw malformed("it does not start with postgres:// or postgresql://");
	}

	private static String hosts(String authority) {
		List<String> hosts = new ArrayList<>();
		for (String host : authority.split(",", -1)) {
			hosts.add(host(host));
		}
		return String.join(",", hosts);
	}

	private static String host(String host) {
		String name;
		String port;
		if (host.startsWith("[")) {
			int close = host.indexOf(']');
			if (close < 0) {
				throw malformed("an IPv6 address has no closing ']'; " + ENCODING_HINT);
			}
			name = host.substring(0, close + 1);
			String after = host.substring(close + 1);
			if (!after.isEmpty() && !after.startsWith(":")) {
				throw malformed("an IPv6 address is followed by something other than ':port'; " + ENCODING_HINT);
			}
			port = after.isEmpty() ? "" : after.substring(1);
		}
		else {
			int colon = host.indexOf(':');
			if (colon >= 0 && host.indexOf(':', colon + 1) >= 0) {
				throw malformed("a host has more than one ':' (write an IPv6 address in brackets, as [::1]:5432); "
						+ ENCODING_HINT);
			}
			name = decode((colon < 0) ? host : host.substring(0, colon), "host name");
			port = (colon < 0) ? "" : host.substring(colon + 1);
		}
		if (name.isBlank() || name.equals("[]")) {
			throw malformed("a host name is empty; " + ENCODING_HINT);
		}
		if (name.startsWith("/")) {
			throw malformed("a host is a Unix-socket directory, which the JDBC driver cannot reach by name");
		}
		if (!port.isEmpty() && !isPort(port)) {
			throw malformed("a port is not a number from 1 to 65535; " + ENCODING_HINT);
		}
		return port.isEmpty() ? name : name + ":" + port;
	}

	private static boolean isPort(String port) {
		if (!port.matches("\\d{1,5}")) {
			return false;
		}
		int value = Integer.parseInt(port);
		return value > 0 && value <= 65535;
	}

	/**
	 * The driver form-decodes parameter values, so the RFC 3986 value is re-encoded in
	 * the form the driver undoes.
	 */
	private static String jdbcParameters(String parameters) {
		List<String> pairs = new ArrayList<>();
		for (String pair : parameters.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String key = decode((equals < 0) ? pair : pair.substring(0, equals), "query");
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1), "query");
			pairs.add(formEncode(key) + "=" + formEncode(value));
		}
		return String.join("&", pairs);
	}

	private static String formEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static String decode(String value, String component) {
		if (value.indexOf('%') < 0) {
			return value;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c != '%') {
				bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
				continue;
			}
			int high = (i + 2 < value.length()) ? Character.digit(value.charAt(i + 1), 16) : -1;
			int low = (high >= 0) ? Character.digit(value.charAt(i + 2), 16) : -1;
			if (low < 0) {
				throw malformed("the " + component + " has a '%' that is not followed by two hexadecimal digits; "
						+ ENCODING_HINT);
			}
			bytes.write((high << 4) + low);
			i += 2;
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw malformed("the " + component + " is percent-encoded but is not UTF-8 once decoded; "
					+ ENCODING_HINT);
		}
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	private static InvalidDatabaseConfigurationException malformed(String problem) {
		return new InvalidDatabaseConfigurationException(VARIABLE, HIDDEN, "DATABASE_URL is malformed: " + problem,
				"Set DATABASE_URL in the form " + EXAMPLE + " and " + ENCODING_HINT
						+ "; or set chanuka.database.url to a JDBC URL with chanuka.database.username and "
						+ "chanuka.database.password.");
	}

}
