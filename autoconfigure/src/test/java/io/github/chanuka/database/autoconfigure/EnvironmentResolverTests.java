package io.github.chanuka.database.autoconfigure;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.pool.PoolProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentResolverTests {

	@ParameterizedTest
	@CsvSource({ "'', DEVELOPMENT", "dev, DEVELOPMENT", "development, DEVELOPMENT", "local, DEVELOPMENT",
			"test, TEST", "staging, STAGING", "stage, STAGING", "prod, PRODUCTION", "production, PRODUCTION",
			"PROD, PRODUCTION", "'cloud,metrics', DEVELOPMENT", "'local,prod', PRODUCTION", "'test,staging', STAGING" })
	void activeProfilesSelectTheStrictestEnvironment(String profiles, DatabaseEnvironment expected) {
		MockEnvironment environment = new MockEnvironment();
		if (!profiles.isEmpty()) {
			environment.setActiveProfiles(profiles.split(","));
		}
		assertThat(EnvironmentResolver.resolve(new ChanukaDatabaseProperties(), environment).environment())
			.isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "DEVELOPMENT, 2, 10, disable, false", "TEST, 1, 5, disable, false", "STAGING, 3, 15, prefer, true",
			"PRODUCTION, 5, 50, require, true" })
	void profilesMatchTheDesignTable(DatabaseEnvironment environment, int min, int max, String ssl, boolean failFast) {
		assertThat(PoolProfile.of(environment).minimumIdle()).isEqualTo(min);
		assertThat(PoolProfile.of(environment).maximumSize()).isEqualTo(max);
		assertThat(PoolProfile.of(environment).sslMode().parameterValue()).isEqualTo(ssl);
		assertThat(PoolProfile.of(environment).failFast()).isEqualTo(failFast);
	}


	@ParameterizedTest
	@CsvSource({ "production, '', PRODUCTION, NODE_ENV", "Staging, '', STAGING, NODE_ENV", "dev, '', DEVELOPMENT, NODE_ENV",
			"production, test, TEST, active profile 'test'", "'', '', DEVELOPMENT, default" })
	void legacyNodeEnvComesAfterProfilesAndBeforeTheDefault(String nodeEnv, String profiles,
			DatabaseEnvironment expected, String origin) {
		MockEnvironment environment = new MockEnvironment().withProperty("NODE_ENV", nodeEnv);
		if (!profiles.isEmpty()) {
			environment.setActiveProfiles(profiles.split(","));
		}
		EnvironmentResolver.Resolved resolved = EnvironmentResolver.resolve(new ChanukaDatabaseProperties(),
				environment);
		assertThat(resolved.environment()).isEqualTo(expected);
		assertThat(resolved.origin()).isEqualTo(origin);
		assertThat(resolved.isDefault()).isEqualTo(origin.equals("default"));
	}

	@org.junit.jupiter.api.Test
	void unknownNodeEnvIsRefusedNamingTheVariableAndTheFix() {
		MockEnvironment environment = new MockEnvironment().withProperty("NODE_ENV", "prodution");
		assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
				io.github.chanuka.database.InvalidDatabaseConfigurationException.class,
				() -> EnvironmentResolver.resolve(new ChanukaDatabaseProperties(), environment)))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("NODE_ENV");
				assertThat(ex.getValue()).isEqualTo("prodution");
				assertThat(ex.getAction()).contains("development, test, staging or production",
						"chanuka.database.environment");
			});
	}

}
