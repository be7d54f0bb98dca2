package io.github.chanuka.database.autoconfigure;

import java.time.Duration;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StartupConnectTimeoutSettingsTests {

	@ParameterizedTest
	@CsvSource({ "DEVELOPMENT, , PT0S", "TEST, , PT0S", "STAGING, , PT30S", "PRODUCTION, , PT30S",
			"PRODUCTION, PT2M, PT2M", "STAGING, PT0S, PT0S" })
	void connectTimeoutDefaultsTo30sWhereStartupChecksThePrimary(DatabaseEnvironment environment,
			Duration configured, Duration expected) {
		ChanukaDatabaseProperties properties = new ChanukaDatabaseProperties();
		properties.getStartup().setConnectTimeout(configured);
		assertThat(PoolSettingsResolver.resolve(properties.getPool(), properties.getStartup(), environment)
			.startupConnectTimeout()).isEqualTo(expected);
	}

	@Test
	void negativeConnectTimeoutIsRefusedNamingTheKey() {
		ChanukaDatabaseProperties properties = new ChanukaDatabaseProperties();
		properties.getStartup().setConnectTimeout(Duration.ofSeconds(-1));
		InvalidDatabaseConfigurationException ex = catchThrowableOfType(InvalidDatabaseConfigurationException.class,
				() -> PoolSettingsResolver.resolve(properties.getPool(), properties.getStartup(),
						DatabaseEnvironment.PRODUCTION));
		assertThat(ex.getProperty()).isEqualTo("chanuka.database.startup.connect-timeout");
		assertThat(ex.getValue()).isEqualTo("PT-1S");
		assertThat(ex.getAction()).contains("30s");
	}

}
