package io.github.chanuka.database.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever literal or comment form carries a secret, and whatever surrounds it, the
 * masked text never holds the secret. Secrets are upper-case letters and digits with
 * punctuation between them; statements are lower-case, so any run of four secret
 * characters in the output is a leak. The statements come from a seeded generator
 * ({@link SecretStatements}); a failure names the seed and case that draw it again.
 */
class SqlMaskerPropertyTests {

	private static final int CASES = 3000;

	private static final Pattern SECRET_RUN = Pattern.compile("[A-Z0-9]{4,}");

	static List<SecretStatement> statementsHidingSecrets() {
		return SecretStatements.seededFromSystemProperty().draw(CASES);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("statementsHidingSecrets")
	void aSecretInAnyLiteralOrCommentNeverShows(SecretStatement statement) {
		String masked = SqlMasker.mask(statement.sql());
		for (String run : runs(statement.secret() + " " + statement.digits())) {
			assertThat(masked).as(statement::reproduction).doesNotContain(run);
		}
	}

	private static List<String> runs(String text) {
		List<String> runs = new ArrayList<>();
		Matcher matcher = SECRET_RUN.matcher(text);
		while (matcher.find()) {
			runs.add(matcher.group());
		}
		return runs;
	}

}
