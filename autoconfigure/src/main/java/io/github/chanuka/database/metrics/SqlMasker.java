package io.github.chanuka.database.metrics;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;

/**
 * Makes SQL text safe to log: string, dollar-quoted and numeric literals become
 * {@code ?}, whitespace collapses, and long text is cut. Parameters of prepared
 * statements are never part of the text to begin with.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public final class SqlMasker {

	private static final int MAX_LENGTH = 1000;

	private static final Pattern STRING = Pattern.compile("(?:[EeBbXxNn]|[Uu]&)?'(?:[^']|'')*'");

	private static final Pattern DOLLAR_QUOTED = Pattern.compile("\\$([A-Za-z_]*)\\$.*?\\$\\1\\$", Pattern.DOTALL);

	private static final Pattern NUMBER = Pattern.compile("(?<![\\w$.])-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?(?![\\w$])");

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private SqlMasker() {
	}

	/**
	 * Mask the literals of a statement.
	 * @param sql the statement
	 * @return the statement with every literal replaced by {@code ?}
	 */
	@Contract("null -> null; !null -> !null")
	public static @Nullable String mask(@Nullable String sql) {
		if (sql == null) {
			return null;
		}
		String masked = DOLLAR_QUOTED.matcher(sql).replaceAll("?");
		masked = STRING.matcher(masked).replaceAll("?");
		masked = NUMBER.matcher(masked).replaceAll("?");
		masked = WHITESPACE.matcher(masked).replaceAll(" ").trim();
		return (masked.length() > MAX_LENGTH) ? masked.substring(0, MAX_LENGTH) + "..." : masked;
	}

}
