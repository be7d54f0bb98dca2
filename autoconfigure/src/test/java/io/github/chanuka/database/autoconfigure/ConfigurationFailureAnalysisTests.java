package io.github.chanuka.database.autoconfigure;

import java.util.function.Consumer;

import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad value stops the application with a message that names the key, the value
 * and the fix, and never shows a password.
 */
class ConfigurationFailureAnalysisTests {

	private static final String URL = "jdbc:postgresql://db.example.com:5432/bills";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class));

	@Test
	void missingUrlWithNoFallbackNamesEverySource() {
		failsWith(this.runner, (analysis) -> {
			assertThat(analysis.getDescription()).contains("Property: chanuka.database.url", "Value: (not set)",
					"spring.datasource.url, DATABASE_URL or DB_HOST");
			assertThat(analysis.getAction()).contains("Set chanuka.database.url");
		});
	}

	@Test
	void malformedDatabaseUrlIsReportedMasked() {
		failsWith(this.runner.withPropertyValues("DATABASE_URL=mysql://user:topsecret@host/db"), (analysis) -> {
			assertThat(analysis.getDescription()).contains("Property: DATABASE_URL",
					"does not start with postgres:// or postgresql://", DatabaseUrlParser.HIDDEN);
			assertThat(analysis.getDescription()).doesNotContain("topsecret");
			assertThat(analysis.getAction()).contains("postgres://user:password@host:5432/database");
		});
	}

	@Test
	void databaseUrlWithoutDatabaseIsMalformed() {
		failsWith(this.runner.withPropertyValues("DATABASE_URL=postgres://user:pw@host:5432"),
				(analysis) -> assertThat(analysis.getDescription()).contains("it names no database"));
	}

	@Test
	void databaseUrlWithBadPortIsMalformed() {
		failsWith(this.runner.withPropertyValues("DATABASE_URL=postgres://host:99999/db"),
				(analysis) -> assertThat(analysis.getDescription()).contains("a port is not a number from 1 to 65535"));
	}

	@Test
	void nonPostgresUrlIsRefused() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=jdbc:mysql://host/db?password=topsecret"),
				(analysis) -> {
					assertThat(analysis.getDescription()).contains("Property: chanuka.database.url",
							"jdbc:mysql://host/db?password=******", "PostgreSQL only");
					assertThat(analysis.getDescription()).doesNotContain("topsecret");
					assertThat(analysis.getAction()).contains("chanuka.database.enabled=false");
				});
	}

	@Test
	void dbHostWithoutDbNameIsRefused() {
		failsWith(this.runner.withPropertyValues("DB_HOST=db.example.com"),
				(analysis) -> assertThat(analysis.getDescription()).contains("Property: DB_NAME"));
	}

	@Test
	void dbPortThatIsNotANumberIsRefused() {
		failsWith(this.runner.withPropertyValues("DB_HOST=db.example.com", "DB_NAME=x", "DB_PORT=abc"),
				(analysis) -> assertThat(analysis.getDescription()).contains("Property: DB_PORT", "Value: abc"));
	}

	@Test
	void unknownEnvironmentListsTheValidOnes() {
		// Spring Boot's own BindFailureAnalyzer reports this BindException with the valid values
		this.runner.withPropertyValues("chanuka.database.url=" + URL, "chanuka.database.environment=prodution")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining(BindException.class.getName() + ": Failed to bind properties under "
							+ "'chanuka.database.environment'")
					.hasStackTraceContaining("prodution");
			});
	}

	@Test
	void minimumIdleAboveMaximumSizeNamesBothKeys() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=" + URL, "chanuka.database.pool.minimum-idle=20"),
				(analysis) -> {
					assertThat(analysis.getDescription()).contains("Property: chanuka.database.pool.minimum-idle",
							"Value: 20", "larger than maximum-size (10)");
					assertThat(analysis.getAction()).contains("at most 10", "chanuka.database.pool.maximum-size");
				});
	}

	@Test
	void maximumSizeBelowOneIsRefused() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=" + URL, "chanuka.database.pool.maximum-size=0"),
				(analysis) -> assertThat(analysis.getDescription())
					.contains("Property: chanuka.database.pool.maximum-size", "Value: 0"));
	}

	@Test
	void negativeMinimumIdleIsRefused() {
		failsWith(
				this.runner.withPropertyValues("chanuka.database.url=" + URL,
						"chanuka.database.pool.minimum-idle=-1"),
				(analysis) -> assertThat(analysis.getDescription())
					.contains("Property: chanuka.database.pool.minimum-idle", "cannot be negative"));
	}

	@Test
	void zeroConnectionTimeoutIsRefused() {
		failsWith(
				this.runner.withPropertyValues("chanuka.database.url=" + URL,
						"chanuka.database.pool.connection-timeout=0"),
				(analysis) -> assertThat(analysis.getDescription())
					.contains("Property: chanuka.database.pool.connection-timeout", "longer than zero"));
	}

	@Test
	void negativeIdleTimeoutIsRefused() {
		failsWith(
				this.runner.withPropertyValues("chanuka.database.url=" + URL,
						"chanuka.database.pool.idle-timeout=-5s"),
				(analysis) -> assertThat(analysis.getDescription())
					.contains("Property: chanuka.database.pool.idle-timeout", "cannot be negative"));
	}

	@Test
	void valueHikariRejectsIsReportedUnderOurKey() {
		failsWith(
				this.runner.withPropertyValues("chanuka.database.url=" + URL,
						"chanuka.database.pool.connection-timeout=100ms"),
				(analysis) -> {
					assertThat(analysis.getDescription())
						.contains("Property: chanuka.database.pool.connection-timeout", "HikariCP rejected");
					assertThat(analysis.getAction()).contains("chanuka.database.pool.connection-timeout");
				});
	}

	@Test
	void productionWithoutTlsRefusesToStart() {
		failsWith(
				this.runner.withPropertyValues("chanuka.database.url=" + URL, "spring.profiles.active=prod",
						"chanuka.database.ssl.mode=prefer"),
				(analysis) -> {
					assertThat(analysis.getDescription()).contains("Property: chanuka.database.ssl.mode",
							"Value: prefer", "must be encrypted");
					assertThat(analysis.getAction()).contains("verify-full", "allow-insecure-production=true");
				});
	}

	@Test
	void productionWithSslDisabledInTheUrlRefusesToStart() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=" + URL + "?sslmode=disable",
				"chanuka.database.environment=production"),
				(analysis) -> assertThat(analysis.getDescription()).contains("Value: disable"));
	}

	@Test
	void verifyFullWithoutRootCertificateIsRefused() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=" + URL, "chanuka.database.ssl.mode=verify-full"),
				(analysis) -> {
					assertThat(analysis.getDescription()).contains("Property: chanuka.database.ssl.root-cert",
							"verifies the server certificate");
					assertThat(analysis.getAction()).contains("PEM file");
				});
	}

	@Test
	void rootCertificateThatDoesNotExistIsRefused() {
		failsWith(
				this.runner.withPropertyValues("chanuka.database.url=" + URL, "chanuka.database.ssl.mode=verify-ca",
						"chanuka.database.ssl.root-cert=/nowhere/root.crt"),
				(analysis) -> assertThat(analysis.getDescription()).contains("Property: chanuka.database.ssl.root-cert",
						"Value: /nowhere/root.crt", "does not exist"));
	}

	@Test
	void conflictingSslModesAreRefused() {
		failsWith(
				this.runner.withPropertyValues("chanuka.database.url=" + URL + "?sslmode=require",
						"chanuka.database.ssl.mode=disable"),
				(analysis) -> assertThat(analysis.getDescription()).contains("asks for sslmode=require"));
	}

	@Test
	void unknownSslModeInTheUrlIsRefused() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=" + URL + "?sslmode=strict"),
				(analysis) -> assertThat(analysis.getAction()).contains("verify-full"));
	}

	@Test
	void unknownLoadBalancerIsABindingFailure() {
		this.runner.withPropertyValues("chanuka.database.url=" + URL, "chanuka.database.routing.load-balancer=fastest")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining(BindException.class.getName() + ": Failed to bind properties under "
						+ "'chanuka.database.routing.load-balancer'"));
	}

	@Test
	void negativeReplicaWeightIsRefused() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=" + URL,
				"chanuka.database.replicas[0].url=jdbc:postgresql://r1/bills", "chanuka.database.replicas[0].weight=-2"),
				(analysis) -> {
					assertThat(analysis.getDescription()).contains("Property: chanuka.database.replicas[0].weight",
							"Value: -2");
					assertThat(analysis.getAction()).contains("1 or more");
				});
	}

	@Test
	void duplicateReplicaNamesAreRefused() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=" + URL,
				"chanuka.database.replicas[0].url=jdbc:postgresql://r1/bills",
				"chanuka.database.replicas[1].url=jdbc:postgresql://r2/bills", "chanuka.database.replicas[1].name=replica-1"),
				(analysis) -> assertThat(analysis.getDescription())
					.contains("Property: chanuka.database.replicas[1].name", "Two replicas are named 'replica-1'"));
	}

	@Test
	void replicaNameThatCannotBeATagIsRefused() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=" + URL,
				"chanuka.database.replicas[0].url=jdbc:postgresql://r1/bills", "chanuka.database.replicas[0].name=Replica One"),
				(analysis) -> assertThat(analysis.getDescription()).contains("lower-case letters, digits and dashes"));
	}

	@Test
	void replicaWithThePrimarysUrlIsRefused() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=" + URL, "chanuka.database.replicas[0].url=" + URL),
				(analysis) -> assertThat(analysis.getDescription())
					.contains("Property: chanuka.database.replicas[0].url", "has the primary's URL"));
	}

	@Test
	void replicaWithoutUrlIsRefused() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=" + URL, "chanuka.database.replicas[0].weight=2"),
				(analysis) -> assertThat(analysis.getDescription())
					.contains("Property: chanuka.database.replicas[0].url", "Value: (not set)"));
	}

	@Test
	void replicaWithANonPostgresUrlIsRefused() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=" + URL,
				"chanuka.database.replicas[0].url=jdbc:mysql://r1/bills"),
				(analysis) -> assertThat(analysis.getDescription()).contains("does not have a PostgreSQL JDBC URL"));
	}

	@Test
	void replicaPoolOverridesAreValidatedUnderTheReplicasKey() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=" + URL,
				"chanuka.database.replicas[0].url=jdbc:postgresql://r1/bills",
				"chanuka.database.replicas[0].pool.maximum-size=0"),
				(analysis) -> assertThat(analysis.getDescription())
					.contains("Property: chanuka.database.replicas[0].pool.maximum-size"));
	}

	@Test
	void zeroMaxReplicationLagIsRefused() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=" + URL,
				"chanuka.database.routing.max-replication-lag=0s"),
				(analysis) -> assertThat(analysis.getDescription())
					.contains("Property: chanuka.database.routing.max-replication-lag"));
	}

	@Test
	void replicaAcquisitionTimeoutBelowHikarisFloorIsRefused() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=" + URL,
				"chanuka.database.routing.replica-acquisition-timeout=100ms"),
				(analysis) -> assertThat(analysis.getDescription() + analysis.getAction())
					.contains("Property: chanuka.database.routing.replica-acquisition-timeout")
					.contains("PT0.1S")
					.contains("250ms or more"));
	}

	@Test
	void readYourWritesAsADurationIsRefusedNamingTheModes() {
		this.runner
			.withPropertyValues("chanuka.database.url=" + URL, "chanuka.database.routing.read-your-writes=2s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining("chanuka.database.routing.read-your-writes")
					.hasStackTraceContaining("2s");
			});
	}

	@Test
	void zeroHealthCheckIntervalIsRefused() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=" + URL,
				"chanuka.database.health.check-interval=0"),
				(analysis) -> assertThat(analysis.getDescription())
					.contains("Property: chanuka.database.health.check-interval"));
	}

	@Test
	void everyProblemIsReportedWithItsOwnFix() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=" + URL, "chanuka.database.pool.maximum-size=0",
				"chanuka.database.health.timeout=0", "chanuka.database.replicas[0].url=jdbc:postgresql://r1:99999/bills"),
				(analysis) -> {
					assertThat(analysis.getDescription()).contains("3 settings cannot work",
							"Property: chanuka.database.pool.maximum-size", "Property: chanuka.database.health.timeout",
							"Property: chanuka.database.replicas[0].url", "a port is not a number from 1 to 65535",
							"Fix: Set chanuka.database.pool.maximum-size to 1 or more");
					assertThat(analysis.getAction()).contains("Fix each of the 3 settings above");
				});
	}

	@Test
	void settingsOfOtherIntegrationsAreCheckedWhenThePropertiesAreBound() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=" + URL,
				"chanuka.database.resilience.retry.multiplier=0.5", "chanuka.database.alerts.rules[0].name=slow",
				"chanuka.database.backup.schedule=every-day", "chanuka.database.shutdown.drain-timeout=-1s",
				"chanuka.database.monitoring.slow-query-threshold=0"), (analysis) -> assertThat(analysis.getDescription())
					.contains("7 settings cannot work", "chanuka.database.resilience.retry.multiplier",
							"chanuka.database.alerts.rules[0].metric", "chanuka.database.alerts.rules[0].threshold",
							"chanuka.database.backup.schedule", "chanuka.database.backup.directory",
							"chanuka.database.shutdown.drain-timeout", "chanuka.database.monitoring.slow-query-threshold"));
	}

	@Test
	void aPoolUtilizationWindowOfZeroIsRefusedWithTheFix() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=" + URL,
				"chanuka.database.alerts.pool-utilization-window=0s"), (analysis) -> {
					assertThat(analysis.getDescription()).contains("chanuka.database.alerts.pool-utilization-window",
							"Value: PT0S", "The pool utilisation window must be longer than 0");
					assertThat(analysis.getAction()).contains("Set chanuka.database.alerts.pool-utilization-window to",
							"such as 5m", "threads waiting for a connection fire it at once");
				});
	}

	@Test
	void switchedOffIntegrationsAreNotChecked() {
		this.runner
			.withPropertyValues("chanuka.database.url=" + URL, "chanuka.database.alerts.enabled=false",
					"chanuka.database.alerts.rules[0].name=slow", "chanuka.database.monitoring.enabled=false",
					"chanuka.database.monitoring.slow-query-threshold=0",
					"chanuka.database.resilience.circuit-breaker.enabled=false",
					"chanuka.database.resilience.circuit-breaker.sliding-window-size=0")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void resilienceSettingsAreNotCheckedWithoutResilience4j() {
		this.runner.withClassLoader(new FilteredClassLoader("io.github.resilience4j"))
			.withPropertyValues("chanuka.database.url=" + URL, "chanuka.database.resilience.retry.multiplier=0.5")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void primaryUrlWithAPortOutOfRangeIsRefused() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=jdbc:postgresql://db-1:5432,db-2:70000/bills"),
				(analysis) -> {
					assertThat(analysis.getDescription()).contains("Property: chanuka.database.url",
							"a port is not a number from 1 to 65535");
					assertThat(analysis.getAction()).contains("jdbc:postgresql://host-1:5432,host-2:5432/database");
				});
	}

	@Test
	void primaryUrlGivenTwiceIsReportedWithTheFix() {
		failsWith(this.runner.withPropertyValues(
				"chanuka.database.url=jdbc:postgresql://127.0.0.1:5/x,mysql://127.0.0.1:3306/x?password=topsecret"),
				(analysis) -> {
					assertThat(analysis.getDescription()).contains("Property: chanuka.database.url",
							"Value: jdbc:postgresql://127.0.0.1:5/x,mysql://127.0.0.1:3306/x?password=******",
							"more than one URL joined by a comma");
					assertThat(analysis.getAction()).isEqualTo("Give chanuka.database.url once; a comma separates "
							+ "the hosts of one URL: jdbc:postgresql://host-1:5432,host-2:5432/database.");
				});
	}

	@Test
	void springDatasourceUrlGivenTwiceIsReportedUnderItsOwnKey() {
		failsWith(this.runner.withPropertyValues("spring.datasource.url=jdbc:postgresql://db/x,jdbc:postgresql://db/y"),
				(analysis) -> {
					assertThat(analysis.getDescription()).contains("Property: spring.datasource.url",
							"more than one URL joined by a comma");
					assertThat(analysis.getAction()).startsWith("Give spring.datasource.url once");
				});
	}

	@Test
	void replicaUrlGivenTwiceIsReportedMaskedWithTheFix() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=" + URL,
				"chanuka.database.replicas[0].url=jdbc:postgresql://r1/bills",
				"chanuka.database.replicas[1].url=jdbc:postgresql://app:topsecret@r2/bills,"
						+ "jdbc:postgresql://r3/bills?sslpassword=topsecret"),
				(analysis) -> {
					assertThat(analysis.getDescription()).contains("Property: chanuka.database.replicas[1].url",
							"Replica 'replica-2'", "more than one URL joined by a comma");
					assertThat(analysis.getAction())
						.startsWith("Give chanuka.database.replicas[1].url once; a comma separates the hosts");
				});
	}

	@Test
	void primaryUrlTheDriverCannotParseIsRefused() {
		failsWith(this.runner.withPropertyValues("chanuka.database.url=jdbc:postgresql://db:5432/bills/extra"),
				(analysis) -> {
					assertThat(analysis.getDescription()).contains("Property: chanuka.database.url",
							"more than one '/' after the hosts");
					assertThat(analysis.getAction()).contains("jdbc:postgresql://host:5432/database");
				});
	}

	@Test
	void springDatasourceUrlIsReportedUnderItsOwnKey() {
		failsWith(this.runner.withPropertyValues("spring.datasource.url=jdbc:postgresql://db:port/bills"),
				(analysis) -> assertThat(analysis.getDescription()).contains("Property: spring.datasource.url"));
	}

	private void failsWith(ApplicationContextRunner runner, Consumer<FailureAnalysis> assertions) {
		runner.withPropertyValues("chanuka.database.password=topsecret").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidDatabaseConfigurationException.class);
			FailureAnalysis analysis = new InvalidDatabaseConfigurationFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("topsecret");
			assertions.accept(analysis);
		});
	}

}
