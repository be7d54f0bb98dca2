package io.github.chanuka.database.embedded;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScramVerifierTests {

	@Test
	void verifierHasTheFormPostgresqlStores() {
		String verifier = ScramVerifier.of("pencil", 16);
		assertThat(verifier).matches("SCRAM-SHA-256\\$16:[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}");
		assertThat(ScramVerifier.of("pencil", 16)).as("a new salt each time").isNotEqualTo(verifier);
	}

	@Test
	void onlyPrintableAsciiPasswordsAreHashedHere() {
		assertThat(ScramVerifier.supports("it's a \\ \"secret\"")).isTrue();
		assertThat(ScramVerifier.supports("pässword")).isFalse();
		assertThat(ScramVerifier.supports("tab\tin")).isFalse();
	}

}
