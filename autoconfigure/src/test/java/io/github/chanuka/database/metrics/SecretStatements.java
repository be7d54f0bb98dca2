package io.github.chanuka.database.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Draws statements that hide a secret in literals and comments of every form. The draw
 * is seeded: the same seed gives the same statements in the same order, so a failing
 * case can be drawn again with {@code -Dchanuka.test.seed=<seed>}.
 */
final class SecretStatements {

	static final String SEED_PROPERTY = "chanuka.test.seed";

	private static final long DEFAULT_SEED = 20261129L;

	private static final String SECRET_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

	private static final String NOISE_CHARACTERS = " ;,()-+*=<>.:'\\$\"/\n\r?&_";

	private static final String DIGITS = "0123456789";

	private static final List<String> PREFIXES = List.of("select", "select a,", "insert into t values (",
			"update t set c =", "select * from t where c =", "select f(x,", "select a from t where b in (",
			"-- lead\nselect", "/* lead */ select", "select \"quoted\" from t where x =", "with q as (select");

	private static final List<String> SUFFIXES = List.of("", "from t", ", b from t", ")", "and d = $1",
			"-- trailing", "/* tail */ from t", "::text", ") as q", "and e = ?");

	private static final List<String> SEPARATORS = List.of(", ", " || ", " ", "\n", ",", " and x = ", "/**/",
			"--c\n");

	private static final List<SecretForm> ENDING_FORMS = Arrays.stream(SecretForm.values())
		.filter(SecretForm::ends)
		.toList();

	private static final List<SecretForm> OPEN_FORMS = Arrays.stream(SecretForm.values())
		.filter((form) -> !form.ends())
		.toList();

	private final long seed;

	SecretStatements(long seed) {
		this.seed = seed;
	}

	static SecretStatements seededFromSystemProperty() {
		String seed = System.getProperty(SEED_PROPERTY);
		return new SecretStatements((seed != null) ? Long.parseLong(seed.trim()) : DEFAULT_SEED);
	}

	List<SecretStatement> draw(int count) {
		SplittableRandom random = new SplittableRandom(this.seed);
		List<SecretStatement> statements = new ArrayList<>(count);
		for (int index = 1; index <= count; index++) {
			statements.add(draw(index, random.split()));
		}
		return statements;
	}

	private SecretStatement draw(int index, SplittableRandom random) {
		String secret = secret(random);
		String digits = text(random, DIGITS, 4, 18);
		String literals = forms(random).stream()
			.map((form) -> form.embed(secret, digits))
			.collect(Collectors.joining(pick(random, SEPARATORS)));
		String sql = pick(random, PREFIXES) + " " + literals + " " + pick(random, SUFFIXES);
		return new SecretStatement(this.seed, index, sql, secret, digits);
	}

	private static String secret(SplittableRandom random) {
		return text(random, SECRET_CHARACTERS, 4, 16) + text(random, NOISE_CHARACTERS, 0, 3)
				+ text(random, SECRET_CHARACTERS, 4, 16);
	}

	/**
	 * Up to three forms that end, then maybe one that does not: anything after a token
	 * that does not end belongs to it, so a second literal would turn it into one that
	 * ends. A statement without any form proves nothing and is drawn again.
	 */
	private static List<SecretForm> forms(SplittableRandom random) {
		List<SecretForm> forms = new ArrayList<>();
		int ending = random.nextInt(4);
		for (int i = 0; i < ending; i++) {
			forms.add(pick(random, ENDING_FORMS));
		}
		if (random.nextBoolean()) {
			forms.add(pick(random, OPEN_FORMS));
		}
		return forms.isEmpty() ? forms(random) : forms;
	}

	private static String text(SplittableRandom random, String characters, int minLength, int maxLength) {
		int length = random.nextInt(minLength, maxLength + 1);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(characters.charAt(random.nextInt(characters.length())));
		}
		return text.toString();
	}

	private static <T> T pick(SplittableRandom random, List<T> choices) {
		return choices.get(random.nextInt(choices.size()));
	}

}
