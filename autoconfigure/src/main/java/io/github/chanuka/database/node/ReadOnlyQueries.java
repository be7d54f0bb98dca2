package io.github.chanuka.database.node;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells a query that can only read from one that may change data, by its first
 * keyword: {@code SELECT}, {@code SHOW}, {@code VALUES}, {@code TABLE}, a
 * {@code WITH} query without a data-changing part and {@code EXPLAIN} without
 * {@code ANALYZE} only read. Anything else, such as {@code INSERT ... RETURNING} run
 * as a query, may write. A function called by a {@code SELECT} may write too; that is
 * the one blind spot, as in every JDBC-level tool.
 *
 * @author Chanuka Database
 */
final class ReadOnlyQueries {

	private static final Set<String> READING = Set.of("select", "show", "values", "table");

	private static final Pattern CHANGING = Pattern.compile("\\b(insert|update|delete|merge)\\b",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern ANALYZE = Pattern.compile("\\banalyze\\b", Pattern.CASE_INSENSITIVE);

	private ReadOnlyQueries() {
	}

	static boolean isReadOnly(String sql) {
		String keyword = firstKeyword(sql);
		if (READING.contains(keyword)) {
			return true;
		}
		return switch (keyword) {
			case "with" -> !CHANGING.matcher(sql).find();
			case "explain" -> !ANALYZE.matcher(sql).find();
			default -> false;
		};
	}

	private static String firstKeyword(String sql) {
		int i = 0;
		int length = sql.length();
		while (i < length) {
			char c = sql.charAt(i);
			if (Character.isWhitespace(c) || c == '(') {
				i++;
			}
			else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
				int end = sql.indexOf('\n', i);
				i = (end < 0) ? length : end + 1;
			}
			else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
				int end = sql.indexOf("*/", i + 2);
				i = (end < 0) ? length : end + 2;
			}
			else {
				break;
			}
		}
		int start = i;
		while (i < length && Character.isLetter(sql.charAt(i))) {
			i++;
		}
		return sql.substring(start, i).toLowerCase(Locale.ROOT);
	}

}
