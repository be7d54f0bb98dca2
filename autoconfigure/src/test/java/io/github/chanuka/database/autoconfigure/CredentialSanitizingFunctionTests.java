package io.github.chanuka.database.autoconfigure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.actuate.endpoint.SanitizableData;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialSanitizingFunctionTests {

	private final CredentialSanitizingFunction function = new CredentialSanitizingFunction();

	@ParameterizedTest
	@CsvSource({ "chanuka.database.password, topsecret, ******",
			"chanuka.database.replicas[0].password, topsecret, ******", "DB_PASSWORD, topsecret, ******",
			"SPRING_DATASOURCE_PASSWORD, topsecret, ******", "spring.datasource.password, topsecret, ******",
			"DATABASE_URL, postgres://app:topsecret@host/db, postgres://app:******@host/db",
			"chanuka.database.url, jdbc:postgresql://host/db?user=app&password=topsecret, jdbc:postgresql://host/db?user=app&password=******",
			"chanuka.database.username, app, app", "server.port, 8080, 8080" })
	void credentialsAreHiddenAndOtherValuesKept(String key, String value, String expected) {
		assertThat(this.function.apply(new SanitizableData(null, key, value)).getValue()).isEqualTo(expected);
	}

}
