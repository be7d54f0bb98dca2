package io.github.chanuka.database.cli;

import io.github.chanuka.database.autoconfigure.ChanukaDataSourceAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaOperationsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code db health} when the primary cannot be reached.
 */
class HealthCommandTests {

	@Test
	void anUnreachablePrimaryIsReportedDownWithAdviceAndExitsOne() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class,
					ChanukaOperationsAutoConfiguration.class))
			.withPropertyValues("chanuka.database.url=jdbc:postgresql://localhost:1/bills",
					"chanuka.database.username=app", "chanuka.database.password=s3cret-password",
					"chanuka.database.health.timeout=1s")
			.run((context) -> {
				CommandResult result = CommandResult.run(context, "health");
				assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.PROBLEM);
				assertThat(result.out()).contains("primary      primary  DOWN", "Connection to localhost:1 refused",
						"Recommendations:", "primary is down");
				assertThat(result.out()).doesNotContain("s3cret-password");
			});
	}

}
