package io.github.chanuka.database.pool;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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
		.compile("(?i)([?&;](?:password|sslpassword|sslkey)=)[^&;]*");

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
	 * Mask passwords in a URL, whether as a query parameter or as user information.
	 * @param url the URL, may be {@code null}
	 * @return the URL with secrets replaced by asterisks
	 */
	public static String mask(String url) {
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
