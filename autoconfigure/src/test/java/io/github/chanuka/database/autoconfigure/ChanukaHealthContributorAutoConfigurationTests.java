package io.github.chanuka.database.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.github.chanuka.database.health.DatabaseHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@link ChanukaHealthContributorAutoConfiguration}.
 */
class ChanukaHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class,
				ChanukaHealthContributorAutoConfiguration.class))
		.withPropertyValues("chanuka.database.url=jdbc:postgresql://localhost:1/bills");

	@Test
	void theHealthComponentIsDefinedByDefault() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(DatabaseHealthIndicator.class)
			.hasBean("chanukaDatabaseHealthIndicator"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "management.health.chanuka-database.enabled", "management.health.chanukaDatabase.enabled",
			"management.health.chanukadatabase.enabled" })
	void everyFormOfTheEnableKeySwitchesTheHealthComponentOff(String key) {
		this.runner.withPropertyValues(key + "=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DatabaseHealthIndicator.class));
	}

	@Test
	void theEnableKeyIsInTheMetadata() throws IOException {
		try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(json).isNotNull();
			List<String> names = JsonPath.read(new String(json.readAllBytes(), StandardCharsets.UTF_8),
					"$.properties[*].name");
			assertThat(names).contains("management.health.chanuka-database.enabled");
		}
	}

}
