package io.github.chanuka.database.autoconfigure;

import javax.sql.DataSource;

import io.github.chanuka.database.health.DatabaseHealthIndicator;
import io.github.chanuka.database.metrics.RoutingMetrics;
import io.github.chanuka.database.node.ConnectionGuard;
import io.github.chanuka.database.ops.DatabaseEndpoint;
import io.github.chanuka.database.ops.DatabaseStatusService;
import io.github.chanuka.database.ops.migration.MigrationOperations;
import io.github.chanuka.database.resilience.OperationExecutor;
import io.github.chanuka.database.routing.ReadYourWritesFilter;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every optional library can be absent: the context starts, the {@code dataSource}
 * routes, what needs the library is not defined, and startup says in one line what is
 * off.
 */
@ExtendWith(OutputCaptureExtension.class)
class OptionalDependenciesTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(
			ChanukaDataSourceAutoConfiguration.class, ChanukaResilienceAutoConfiguration.class,
			ChanukaHealthContributorAutoConfiguration.class, ChanukaMetricsAutoConfiguration.class,
			ChanukaOperationsAutoConfiguration.class, ChanukaAlertsAutoConfiguration.class,
			ChanukaReadYourWritesWebAutoConfiguration.class, ChanukaDatabaseEndpointAutoConfiguration.class,
			CircuitBreakerAutoConfiguration.class, RetryAutoConfiguration.class,
			DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class);

	private static final String[] PROPERTIES = { "chanuka.database.url=jdbc:postgresql://localhost:1/bills",
			"chanuka.database.replicas[0].url=jdbc:postgresql://localhost:2/bills",
			"management.endpoints.web.exposure.include=database" };

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues(PROPERTIES);

	// a servlet web application cannot run without the servlet API: without it, the
	// application is not a web application
	private final ApplicationContextRunner nonWebRunner = new ApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues(PROPERTIES);

	@Test
	void withEveryLibraryEveryIntegrationIsDefinedAndNothingIsReportedOff(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(ConnectionGuard.class)
				.hasSingleBean(OperationExecutor.class)
				.hasSingleBean(DatabaseHealthIndicator.class)
				.hasSingleBean(RoutingMetrics.class)
				.hasSingleBean(MigrationOperations.class)
				.hasSingleBean(DatabaseStatusService.class)
				.hasSingleBean(DatabaseEndpoint.class)
				.hasSingleBean(ReadYourWritesFilter.class);
			assertThat(output).doesNotContain("off for want of a library");
		});
	}

	@ParameterizedTest(name = "without {0}")
	@CsvSource(delimiter = '|', textBlock = """
			io.github.resilience4j              | io.github.chanuka.database.node.ConnectionGuard          | circuit breakers, retries and the read-only retry (no resilience4j-spring-boot4)
			org.springframework.boot.health     | io.github.chanuka.database.health.DatabaseHealthIndicator | the chanukaDatabase health component (no spring-boot-health)
			org.springframework.boot.actuate    | io.github.chanuka.database.ops.DatabaseEndpoint          | the database endpoint (no spring-boot-actuator)
			io.micrometer                       | io.github.chanuka.database.metrics.RoutingMetrics        | metrics (no micrometer-core)
			net.ttddyy                          |                                                          |
			liquibase                           | io.github.chanuka.database.ops.migration.MigrationOperations | migrations (no liquibase-core)
			picocli                             |                                                          | the db commands (no picocli)
			jakarta.servlet                     | io.github.chanuka.database.routing.ReadYourWritesFilter  | the read-your-writes cookie across requests (no jakarta.servlet-api)
			org.aspectj                         |                                                          |
			""")
	void theContextStartsWithoutAnOptionalLibraryAndSaysWhatIsOff(String hiddenPackage, String absentBean,
			String reported, CapturedOutput output) throws ClassNotFoundException {
		Class<?> absent = (absentBean != null) ? Class.forName(absentBean) : null;
		AbstractApplicationContextRunner<?, ?, ?> runner = hiddenPackage.equals("jakarta.servlet") ? this.nonWebRunner
				: this.runner;
		runner.withClassLoader(new FilteredClassLoader(hiddenPackage)).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(DataSource.class);
			if (absent != null) {
				assertThat(context).doesNotHaveBean(absent);
			}
			if (reported != null) {
				assertThat(output).containsOnlyOnce("Chanuka Database: off for want of a library on the class path: ")
					.contains(reported);
			}
			else {
				assertThat(output).doesNotContain("off for want of a library");
			}
		});
	}

}
