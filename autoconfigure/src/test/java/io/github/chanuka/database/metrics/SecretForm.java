package io.github.chanuka.database.metrics;

import java.util.function.BiFunction;

/**
 * One way of writing a secret into SQL: a literal or comment of every form PostgreSQL
 * knows, including forms that do not end. Each form drops the characters that would end
 * it early.
 */
enum SecretForm {

	STANDARD((s, d) -> "'" + s.replace("'", "''") + "'"),

	STANDARD_WITH_QUOTES((s, d) -> "'it''s " + s.replace("'", "''") + " ''quoted'''"),

	ESCAPE((s, d) -> "E'it\\'s " + s.replace("\\", "\\\\").replace("'", "\\'") + "\\\\'"),

	ESCAPE_LOWER((s, d) -> "e'" + s.replace("\\", "\\\\").replace("'", "''") + "'"),

	DOLLAR((s, d) -> "$$" + s.replace("$", "") + "$$"),

	DOLLAR_TAG((s, d) -> "$a1$" + s.replace("$", "") + "$a1$"),

	DOLLAR_TAG_WITH_FALSE_END((s, d) -> "$tag$ $ta $" + s.replace("$", "") + "$tag$"),

	BIT((s, d) -> "B'" + s.replace("'", "''") + "'"),

	HEX((s, d) -> "X'" + s.replace("'", "''") + "'"),

	NATIONAL((s, d) -> "N'" + s.replace("'", "''") + "'"),

	UNICODE((s, d) -> "U&'" + s.replace("'", "''") + "'"),

	LINE_COMMENT((s, d) -> "-- " + s.replace("\n", " ").replace("\r", " ") + "\n"),

	BLOCK_COMMENT((s, d) -> "/* " + s.replace("*", "").replace("/", "") + " */"),

	NESTED_COMMENT((s, d) -> "/* a /* " + s.replace("*", "").replace("/", "") + " */ " + s.replace("*", "")
		.replace("/", "") + " */"),

	INTEGER((s, d) -> d),

	UNDERSCORED((s, d) -> "1_" + d + "_0"),

	HEXADECIMAL((s, d) -> "0x" + d + "F"),

	DECIMAL((s, d) -> d + "." + d),

	LEADING_DOT((s, d) -> "." + d),

	EXPONENT((s, d) -> "1.5e-" + d),

	NEGATIVE((s, d) -> "-" + d),

	UNTERMINATED_STRING((s, d) -> "'" + s.replace("'", "")),

	UNTERMINATED_ESCAPE((s, d) -> "E'" + s.replace("'", "").replace("\\", "")),

	UNTERMINATED_DOLLAR((s, d) -> "$x$" + s.replace("$", "")),

	UNTERMINATED_COMMENT((s, d) -> "/* " + s.replace("*", "").replace("/", "")),

	UNTERMINATED_IDENTIFIER((s, d) -> "\"" + s.replace("\"", ""));

	private final BiFunction<String, String, String> embedding;

	SecretForm(BiFunction<String, String, String> embedding) {
		this.embedding = embedding;
	}

	String embed(String secret, String digits) {
		return this.embedding.apply(secret, digits);
	}

	boolean ends() {
		return !name().startsWith("UNTERMINATED");
	}

}
