package io.github.chanuka.database.pool;

import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;

import org.springframework.lang.Contract;

/**
 * Helpers for PostgreSQL JDBC URLs: recognition, query parameters and masking of
 * credentials.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public final class JdbcUrls {

	/**
	 * Prefix of every PostgreSQL JDBC URL.
	 */
	public static final String PREFIX = "jdbc:postgresql:";

	private static final Pattern SECRET_PARAMETER = Pattern
		.compile("(?i)([?&;](?:password|sslpassword|sslkey)=)([^&;]*)");

	private static final Pattern JOINED_URL = Pattern.compile("(?i),\\s*(?:jdbc:|[a-z][a-z0-9+.-]*://)");

	private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

	private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-f:.]+");

	private static final String MASK = "******";

	private JdbcUrls() {
	}

	/**
	 * Return whether the URL is a PostgreSQL JDBC URL.
	 * @param url the URL
	 * @return whether the driver accepts it
	 */
	public static boolean isPostgres(String url) {
		return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
	}

	/**
	 * Return what makes a URL unusable as a PostgreSQL JDBC URL, or {@code null} when the
	 * driver can use it: the {@code jdbc:postgresql:} prefix, one URL only, for every host
	 * of a single- or multi-host URL a name (IPv6 addresses in brackets) and, when given,
	 * a port from 1 to 65535, and finally the driver's own parser. The reason never
	 * repeats a part of the URL, since a malformed URL may hold a password anywhere.
	 * @param url the URL
	 * @return the reason it is not usable, or {@code null}
	 */
	public static @Nullable String problem(String url) {
		if (!isPostgres(url)) {
			return "it is not a PostgreSQL JDBC URL: it must start with " + PREFIX;
		}
		if (holdsSeveralUrls(url)) {
			return "it holds more than one URL joined by a comma, which is what Spring Boot makes of a property "
					+ "given twice, as on a command line";
		}
		if (!url.startsWith(PREFIX)) {
			return "the driver reads the prefix " + PREFIX + " in lower case only";
		}
		String rest = url.substring(PREFIX.length());
		if (!rest.startsWith("//")) {
			return driverProblem(url);
		}
		int end = rest.length();
		for (char c : new char[] { '/', '?' }) {
			int index = rest.indexOf(c, 2);
			end = (index >= 0 && index < end) ? index : end;
		}
		String authority = rest.substring(2, end);
		if (authority.indexOf('@') >= 0) {
			return "it holds user information before the host, which the PostgreSQL driver does not read";
		}
		for (String host : authority.isEmpty() ? new String[0] : authority.split(",", -1)) {
			String problem = hostProblem(host);
			if (problem != null) {
				return problem;
			}
		}
		String path = rest.substring(end, (rest.indexOf('?') < 0) ? rest.length() : rest.indexOf('?'));
		if (path.isEmpty() && !authority.isEmpty()) {
			return "it has no '/' between the hosts and the database name";
		}
		if (path.indexOf('/', 1) >= 0) {
			return "it has more than one '/' after the hosts (write a '/' in the database name as %2F)";
		}
		return driverProblem(url);
	}

	/**
	 * Return whether a URL is several URLs joined by a comma, as Spring Boot binds a
	 * property given more than once; a comma between the hosts of one URL is not.
	 * @param url the URL
	 * @return whether a comma is followed by the start of another URL
	 */
	public static boolean holdsSeveralUrls(String url) {
		return JOINED_URL.matcher(url).find();
	}

	/**
	 * The driver logs a URL it finds malformed, so it is asked only after every check of
	 * ours that finds the problems it would log, and never sees a secret parameter.
	 */
	private static @Nullable String driverProblem(String url) {
		Matcher secret = SECRET_PARAMETER.matcher(url);
		while (secret.find()) {
			if (!isFormEncoded(secret.group(2))) {
				return "a password, sslpassword or sslkey parameter has a '%' that is not followed by two "
						+ "hexadecimal digits (write % as %25)";
			}
		}
		String withoutSecrets = SECRET_PARAMETER.matcher(url).replaceAll("$1" + MASK);
		if (Driver.parseURL(withoutSecrets, new Properties()) == null) {
			return "the PostgreSQL driver's own parser refuses it (look for a '%' not followed by two hexadecimal "
					+ "digits, or a service parameter naming no service of pg_service.conf)";
		}
		return null;
	}

	private static boolean isFormEncoded(String value) {
		try {
			URLDecoder.decode(value, StandardCharsets.UTF_8);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static @Nullable String hostProblem(String hostAndPort) {
		String host;
		String port;
		if (hostAndPort.startsWith("[")) {
			int close = hostAndPort.indexOf(']');
			if (close < 0) {
				return "an IPv6 address has no closing ']'";
			}
			host = hostAndPort.substring(1, close);
			String after = hostAndPort.substring(close + 1);
			if (!after.isEmpty() && !after.startsWith(":")) {
				return "an IPv6 address is followed by something other than ':port'";
			}
			port = after.isEmpty() ? null : after.substring(1);
		}
		else {
			int colon = hostAndPort.indexOf(':');
			if (colon >= 0 && hostAndPort.indexOf(':', colon + 1) >= 0) {
				return "a host has more than one ':' (write an IPv6 address in brackets, as [::1]:5432)";
			}
			host = (colon < 0) ? hostAndPort : hostAndPort.substring(0, colon);
			port = (colon < 0) ? null : hostAndPort.substring(colon + 1);
		}
		if (host.isBlank()) {
			return "a host name is empty";
		}
		if (port != null && !isPort(port)) {
			return "a port is not a number from 1 to 65535";
		}
		return null;
	}

	private static boolean isPort(String port) {
		return port.matches("\\d{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
	}

	/**
	 * Mask passwords in a URL, whether as a query parameter or as user information.
	 * @param url the URL, may be {@code null}
	 * @return the URL with secrets replaced by asterisks
	 */
	@Contract("null -> null; !null -> !null")
	public static @Nullable String mask(@Nullable String url) {
		if (url == null) {
			return null;
		}
		return maskUserInfo(SECRET_PARAMETER.matcher(url).replaceAll("$1" + MASK));
	}

	/**
	 * A password may hold {@code @}, {@code :}, {@code /} and even {@code ?} unencoded,
	 * so everything from the first {@code :} of the user information to its last
	 * {@code @} is hidden; hiding too much of an odd URL beats showing a secret.
	 */
	private static String maskUserInfo(String url) {
		int authority = url.indexOf("//");
		if (authority < 0) {
			return url;
		}
		authority += 2;
		int query = url.indexOf('?', authority);
		int at = (query < 0) ? url.lastIndexOf('@') : url.lastIndexOf('@', query);
		if (at < authority) {
			at = url.lastIndexOf('@');
		}
		int colon = url.indexOf(':', authority);
		if (at < authority || colon < 0 || colon > at) {
			return url;
		}
		return url.substring(0, colon + 1) + MASK + url.substring(at);
	}

	/**
	 * Return whether every host of a URL is on this machine: a loopback address
	 * ({@code 127.0.0.0/8}, {@code ::1}), {@code localhost}, no host at all (the driver
	 * then uses {@code localhost}), or a Unix socket ({@code socketFactory} naming a Unix
	 * socket factory). Host names are never looked up.
	 * @param url the JDBC URL
	 * @return whether no connection leaves the machine
	 */
	public static boolean isLocal(String url) {
		String rest = isPostgres(url) ? url.substring(PREFIX.length()) : url;
		String factory = parameters(url).getOrDefault("socketfactory", "");
		if (factory.toLowerCase(Locale.ROOT).contains("unix")) {
			return true;
		}
		if (!rest.startsWith("//")) {
			return true;
		}
		int end = rest.length();
		for (char c : new char[] { '/', '?' }) {
			int index = rest.indexOf(c, 2);
			end = (index >= 0 && index < end) ? index : end;
		}
		String authority = rest.substring(2, end);
		authority = authority.substring(authority.lastIndexOf('@') + 1);
		if (authority.isEmpty()) {
			return true;
		}
		for (String host : authority.split(",")) {
			if (!isLoopback(host)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isLoopback(String hostAndPort) {
		String host;
		if (hostAndPort.startsWith("[")) {
			int close = hostAndPort.indexOf(']');
			host = hostAndPort.substring(1, (close < 0) ? hostAndPort.length() : close);
		}
		else {
			int colon = hostAndPort.indexOf(':');
			host = (colon < 0) ? hostAndPort : hostAndPort.substring(0, colon);
		}
		host = host.toLowerCase(Locale.ROOT);
		if (host.equals("localhost") || host.equals("localhost.")) {
			return true;
		}
		if (IPV4_LOOPBACK.matcher(host).matches()) {
			return true;
		}
		if (host.indexOf(':') >= 0 && IPV6_LITERAL.matcher(host).matches()) {
			try {
				return InetAddress.getByName(host).isLoopbackAddress();
			}
			catch (UnknownHostException ex) {
				return false;
			}
		}
		return false;
	}

	/**
	 * Return the query parameters of a URL, keys in lower case.
	 * @param url the URL
	 * @return the parameters in order, values decoded
	 */
	public static Map<String, String> parameters(String url) {
		Map<String, String> parameters = new LinkedHashMap<>();
		int query = url.indexOf('?');
		if (query < 0) {
			return parameters;
		}
		for (String pair : url.substring(query + 1).split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String key = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			parameters.put(key.toLowerCase(Locale.ROOT), URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return parameters;
	}

}
