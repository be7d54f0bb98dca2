package io.github.chanuka.database.embedded;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an existing PostgreSQL server is and how to log in, read from a JDBC URL with
 * {@code user} and {@code password} parameters or from a {@code postgres://user:pass@host:port/db}
 * URL. Other parameters (such as {@code sslmode}) are kept for the JDBC URL.
 *
 * @param host the host
 * @param port the port
 * @param database the database
 * @param username the user
 * @param password the password, empty if none was given
 * @param parameters the other URL parameters, {@code &}-separated, possibly empty
 */
record ServerAddress(String host, int port, String database, String username, String password, String parameters) {

	private static final int DEFAULT_PORT = 5432;

	private static final String FORMATS = "jdbc:postgresql://host:port/database?user=...&password=... "
			+ "or postgres://user:password@host:port/database";

	/**
	 * Parse a URL. Messages of the exceptions never contain the URL, which holds a password.
	 * @param url the URL
	 * @param source what the URL came from, for messages
	 * @return the address
	 * @throws IllegalArgumentException if the URL is not understood
	 */
	static ServerAddress parse(String url, String source) {
		String trimmed = url.trim();
		URI uri;
		try {
			if (trimmed.startsWith("jdbc:postgresql://")) {
				uri = new URI(trimmed.substring("jdbc:".length()));
			}
			else if (trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://")) {
				uri = new URI(trimmed);
			}
			else {
				throw new IllegalArgumentException(source + " is not a PostgreSQL URL; use " + FORMATS);
			}
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(source + " is not a valid URL; use " + FORMATS);
		}
		if (uri.getHost() == null) {
			throw new IllegalArgumentException(source + " must name exactly one host; use " + FORMATS);
		}
		String username = null;
		String password = "";
		String userInfo = uri.getRawUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			username = decode((colon < 0) ? userInfo : userInfo.substring(0, colon));
			password = (colon < 0) ? "" : decode(userInfo.substring(colon + 1));
		}
		List<String> parameters = new ArrayList<>();
		if (uri.getRawQuery() != null) {
			for (String parameter : uri.getRawQuery().split("&")) {
				int equals = parameter.indexOf('=');
				String name = (equals < 0) ? parameter : parameter.substring(0, equals);
				String value = (equals < 0) ? "" : decode(parameter.substring(equals + 1));
				if (name.equals("user")) {
					username = value;
				}
				else if (name.equals("password")) {
					password = value;
				}
				else if (!parameter.isEmpty()) {
					parameters.add(parameter);
				}
			}
		}
		if (username == null || username.isEmpty()) {
			throw new IllegalArgumentException(source + " must name a user; use " + FORMATS);
		}
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		String database = path.startsWith("/") && path.length() > 1 ? decode(path.substring(1)) : username;
		int port = (uri.getPort() > 0) ? uri.getPort() : DEFAULT_PORT;
		return new ServerAddress(uri.getHost(), port, database, username, password, String.join("&", parameters));
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "ServerAddress[" + this.host + ":" + this.port + "/" + this.database + ", user " + this.username + "]";
	}

}
