package io.github.chanuka.database.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever literal or comment form carries a secret, and whatever surrounds it, the
 * masked text never holds the secret. Secrets are upper-case letters and digits with
 * punctuation between them; statements are lower-case, so any run of four secret
 * characters in the output is a leak.
 */
class SqlMaskerProperties {

	private static final Pattern SECRET_RUN = Pattern.compile("[A-Z0-9]{4,}");

	@Property(tries = 3000)
	void aSecretInAnyLiteralOrCommentNeverShows(@ForAll("secrets") String secret, @ForAll("digits") String digits,
			@ForAll("closedForms") List<Form> forms, @ForAll("openForm") Form open,
			@ForAll("prefixes") String prefix, @ForAll("suffixes") String suffix,
			@ForAll("separators") String separator) {
		Assume.that(!forms.isEmpty() || open != null);
		List<String> literals = new ArrayList<>();
		for (Form form : forms) {
			literals.add(form.embed(secret, digits));
		}
		if (open != null) {
			literals.add(open.embed(secret, digits));
		}
		String sql = prefix + " " + String.join(separator, literals) + " " + suffix;
		String masked = SqlMasker.mask(sql);
		for (String run : runs(secret + " " + digits)) {
			assertThat(masked).as("masking of %s", sql).doesNotContain(run);
		}
	}

	@Provide
	Arbitrary<String> secrets() {
		Arbitrary<String> core = Arbitraries.strings().withCharRange('A', 'Z').withCharRange('0', '9').ofMinLength(4)
			.ofMaxLength(16);
		Arbitrary<String> noise = Arbitraries.strings().withChars(" ;,()-+*=<>.:'\\$\"/\n\r?&_").ofMaxLength(3);
		return Combinators.combine(core, noise, core).as((first, between, second) -> first + between + second);
	}

	@Provide
	Arbitrary<List<Form>> closedForms() {
		return Arbitraries.of(Form.values()).filter((form) -> !form.name().startsWith("UNTERMINATED")).list()
			.ofMaxSize(3);
	}

	/**
	 * A token that does not end can only be the last one: anything after it belongs to
	 * it, so a second literal would turn it into a terminated one.
	 */
	@Provide
	Arbitrary<Form> openForm() {
		return Arbitraries.of(Form.values()).filter((form) -> form.name().startsWith("UNTERMINATED")).injectNull(0.5);
	}

	@Provide
	Arbitrary<String> digits() {
		return Arbitraries.strings().numeric().ofMinLength(4).ofMaxLength(18);
	}

	@Provide
	Arbitrary<String> prefixes() {
		return Arbitraries.of("select", "select a,", "insert into t values (", "update t set c =",
				"select * from t where c =", "select f(x,", "select a from t where b in (", "-- lead\nselect",
				"/* lead */ select", "select \"quoted\" from t where x =", "with q as (select");
	}

	@Provide
	Arbitrary<String> suffixes() {
		return Arbitraries.of("", "from t", ", b from t", ")", "and d = $1", "-- trailing", "/* tail */ from t",
				"::text", ") as q", "and e = ?");
	}

	@Provide
	Arbitrary<String> separators() {
		return Arbitraries.of(", ", " || ", " ", "\n", ",", " and x = ", "/**/", "--c\n");
	}

	private static List<String> runs(String text) {
		List<String> runs = new ArrayList<>();
		Matcher matcher = SECRET_RUN.matcher(text);
		while (matcher.find()) {
			runs.add(matcher.group());
		}
		return runs;
	}

	enum Form {

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

		Form(BiFunction<String, String, String> embedding) {
			this.embedding = embedding;
		}

		String embed(String secret, String digits) {
			return this.embedding.apply(secret, digits);
		}

	}

}
