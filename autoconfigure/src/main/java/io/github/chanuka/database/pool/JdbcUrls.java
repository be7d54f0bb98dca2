package io.github.chanuka.database.pool;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

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
		.compile("(?i)([?&;](?:password|sslpassword|sslkey)=)[^&;]*");

	private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?]*:)[^@/]*@");

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
	@Contract("null -> null; !null -> !null")
	public static @Nullable String mask(@Nullable String url) {
		if (url == null) {
			return null;
		}
		String masked = SECRET_PARAMETER.matcher(url).replaceAll("$1" + MASK);
		Matcher userInfo = USER_INFO.matcher(masked);
		return userInfo.replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
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
