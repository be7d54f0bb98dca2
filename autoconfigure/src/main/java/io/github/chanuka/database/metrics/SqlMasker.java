package io.github.chanuka.database.metrics;

import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;

/**
 * Makes SQL text safe to show: one left-to-right pass over PostgreSQL's lexical rules
 * replaces every literal with {@code ?}, drops every comment, collapses whitespace and
 * cuts long text. Identifiers, keywords, operators and parameters ({@code $1},
 * {@code ?}) are kept, as are quoted identifiers.
 *
 * <p>
 * Masked literals: standard strings ({@code 'it''s'}), escape strings
 * ({@code E'it\'s'}), bit, hex, national and Unicode strings ({@code B'..'},
 * {@code X'..'}, {@code N'..'}, {@code U&'..'}), dollar-quoted strings
 * ({@code $tag$..$tag$}) and numbers ({@code 42}, {@code 1_000}, {@code 0x1F},
 * {@code 1.5e-3}). Anything after a token that does not end, or after a standard string
 * holding a backslash (whose end depends on {@code standard_conforming_strings}), is
 * masked as a whole.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public final class SqlMasker {

	private static final int MAX_LENGTH = 1000;

	private static final String MASK = "?";

	private static final String REST_MASKED = "?...";

	private final String sql;

	private final StringBuilder out;

	private int position;

	private SqlMasker(String sql) {
		this.sql = sql;
		this.out = new StringBuilder(Math.min(sql.length(), MAX_LENGTH + 16));
	}

	/**
	 * Mask the literals and comments of a statement.
	 * @param sql the statement
	 * @return the statement with every literal replaced by {@code ?} and no comments
	 */
	@Contract("!null -> !null")
	public static @Nullable String mask(@Nullable String sql) {
		if (sql == null) {
			return null;
		}
		String masked = new SqlMasker(sql).run().trim();
		return (masked.length() > MAX_LENGTH) ? masked.substring(0, MAX_LENGTH) + "..." : masked;
	}

	private String run() {
		while (this.position < this.sql.length() && this.out.length() <= MAX_LENGTH) {
			if (!next()) {
				space();
				this.out.append(REST_MASKED);
				break;
			}
		}
		return this.out.toString();
	}

	/**
	 * Consume one token.
	 * @return {@code false} when the token does not end, so the rest must be masked
	 */
	private boolean next() {
		char c = this.sql.charAt(this.position);
		if (Character.isWhitespace(c)) {
			skipWhitespace();
			return true;
		}
		if (c == '-' && peek(1) == '-') {
			return lineComment();
		}
		if (c == '/' && peek(1) == '*') {
			return blockComment();
		}
		if (c == '\'') {
			return quotedString(this.position, true);
		}
		if (c == '"') {
			return quotedIdentifier();
		}
		if (c == '$') {
			return dollar();
		}
		if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
			number();
			return true;
		}
		if (isIdentifierStart(c)) {
			return identifierOrPrefixedString();
		}
		this.out.append(c);
		this.position++;
		return true;
	}

	private void skipWhitespace() {
		while (this.position < this.sql.length() && Character.isWhitespace(this.sql.charAt(this.position))) {
			this.position++;
		}
		space();
	}

	private void space() {
		if (!this.out.isEmpty() && this.out.charAt(this.out.length() - 1) != ' ') {
			this.out.append(' ');
		}
	}

	private boolean lineComment() {
		int end = this.sql.indexOf('\n', this.position);
		int carriage = this.sql.indexOf('\r', this.position);
		if (carriage >= 0 && (end < 0 || carriage < end)) {
			end = carriage;
		}
		this.position = (end < 0) ? this.sql.length() : end;
		space();
		return true;
	}

	private boolean blockComment() {
		int depth = 0;
		int i = this.position;
		while (i < this.sql.length()) {
			if (this.sql.startsWith("/*", i)) {
				depth++;
				i += 2;
			}
			else if (this.sql.startsWith("*/", i)) {
				depth--;
				i += 2;
				if (depth == 0) {
					this.position = i;
					space();
					return true;
				}
			}
			else {
				i++;
			}
		}
		return false;
	}

	/**
	 * A quoted string ends at a lone quote; {@code ''} is an escaped quote. In a
	 * standard or national string a backslash would escape the quote under
	 * {@code standard_conforming_strings=off}, so the string's end is ambiguous and
	 * everything after it is masked.
	 */
	private boolean quotedString(int quote, boolean backslashIsAmbiguous) {
		int i = quote + 1;
		while (i < this.sql.length()) {
			char c = this.sql.charAt(i);
			if (c == '\\' && backslashIsAmbiguous) {
				return false;
			}
			if (c == '\'') {
				if (i + 1 < this.sql.length() && this.sql.charAt(i + 1) == '\'') {
					i += 2;
					continue;
				}
				this.position = i + 1;
				this.out.append(MASK);
				return true;
			}
			i++;
		}
		return false;
	}

	private boolean escapeString(int quote) {
		int i = quote + 1;
		while (i < this.sql.length()) {
			char c = this.sql.charAt(i);
			if (c == '\\') {
				i += 2;
				continue;
			}
			if (c == '\'') {
				if (i + 1 < this.sql.length() && this.sql.charAt(i + 1) == '\'') {
					i += 2;
					continue;
				}
				this.position = i + 1;
				this.out.append(MASK);
				return true;
			}
			i++;
		}
		return false;
	}

	private boolean quotedIdentifier() {
		int i = this.position + 1;
		while (i < this.sql.length()) {
			if (this.sql.charAt(i) == '"') {
				if (i + 1 < this.sql.length() && this.sql.charAt(i + 1) == '"') {
					i += 2;
					continue;
				}
				this.out.append(this.sql, this.position, i + 1);
				this.position = i + 1;
				return true;
			}
			i++;
		}
		return false;
	}

	/**
	 * {@code $1} is a parameter; {@code $tag$} or {@code $$} opens a dollar-quoted
	 * string that ends at the same delimiter; a lone {@code $} is kept.
	 */
	private boolean dollar() {
		int i = this.position + 1;
		if (isDigit(peek(1))) {
			while (i < this.sql.length() && isDigit(this.sql.charAt(i))) {
				i++;
			}
			this.out.append(this.sql, this.position, i);
			this.position = i;
			return true;
		}
		if (i < this.sql.length() && isIdentifierStart(this.sql.charAt(i))) {
			while (i < this.sql.length() && isTagPart(this.sql.charAt(i))) {
				i++;
			}
		}
		if (i >= this.sql.length() || this.sql.charAt(i) != '$') {
			this.out.append('$');
			this.position++;
			return true;
		}
		String delimiter = this.sql.substring(this.position, i + 1);
		int end = this.sql.indexOf(delimiter, i + 1);
		if (end < 0) {
			return false;
		}
		this.out.append(MASK);
		this.position = end + delimiter.length();
		return true;
	}

	/**
	 * Decimal, hexadecimal, octal and binary integers, with underscores, decimals and
	 * exponents; trailing letters are taken as part of the number, as PostgreSQL
	 * rejects them anyway.
	 */
	private void number() {
		int i = this.position + 1;
		while (i < this.sql.length() && isNumberPart(this.sql.charAt(i), this.sql.charAt(i - 1))) {
			i++;
		}
		this.out.append(MASK);
		this.position = i;
	}

	private boolean isNumberPart(char c, char previous) {
		if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
			return true;
		}
		return (c == '+' || c == '-') && (previous == 'e' || previous == 'E');
	}

	private boolean identifierOrPrefixedString() {
		char c = this.sql.charAt(this.position);
		char next = peek(1);
		if (next == '\'') {
			if (c == 'E' || c == 'e') {
				return escapeString(this.position + 1);
			}
			if ("BbXx".indexOf(c) >= 0) {
				return quotedString(this.position + 1, false);
			}
			if (c == 'N' || c == 'n') {
				return quotedString(this.position + 1, true);
			}
		}
		if ((c == 'U' || c == 'u') && next == '&' && peek(2) == '\'') {
			return quotedString(this.position + 2, false);
		}
		int i = this.position + 1;
		while (i < this.sql.length() && (isTagPart(this.sql.charAt(i)) || this.sql.charAt(i) == '$')) {
			i++;
		}
		this.out.append(this.sql, this.position, i);
		this.position = i;
		return true;
	}

	private char peek(int offset) {
		int index = this.position + offset;
		return (index < this.sql.length()) ? this.sql.charAt(index) : '\0';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isIdentifierStart(char c) {
		return Character.isLetter(c) || c == '_' || c >= 0x80;
	}

	private static boolean isTagPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c >= 0x80;
	}

}
