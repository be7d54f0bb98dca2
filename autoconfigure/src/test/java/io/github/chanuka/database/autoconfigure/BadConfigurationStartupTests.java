package io.github.chanuka.database.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad setting stops a real application, one with a Liquibase changelog and an
 * unreachable primary, with Boot's failure report naming the key or variable: checked
 * before anything connects, so the report is never a connection error, no stack trace
 * comes first and no password is shown.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadConfigurationStartupTests {

	private static final String PASSWORD = "Pa55-w0rd-S3cret";

	private static final String DB = "chanuka.database.";

	private static final String REPLICA = "jdbc:postgresql://127.0.0.1:6/replica";

	static Stream<Arguments> badConfigurations() {
		return Stream.of(
				// the six of issue 18
				bad(DB + "resilience.retry.multiplier", DB + "resilience.retry.multiplier=0.5"),
				bad(DB + "resilience.retry.max-attempts", DB + "resilience.retry.max-attempts=0"),
				bad(DB + "backup.schedule", DB + "backup.schedule=every-day", DB + "backup.directory=/tmp/backups"),
				bad(DB + "alerts.rules[0].threshold", DB + "alerts.rules[0].name=slow-primary",
						DB + "alerts.rules[0].metric=latency"),
				bad(DB + "url", DB + "url=mysql://127.0.0.1:3306/x"),
				bad(DB + "url", DB + "url=jdbc:postgresql://127.0.0.1:notaport/x"),
				// primary URL and its fallbacks
				bad(DB + "url", DB + "url=jdbc:postgresql://127.0.0.1:70000/x"),
				bad(DB + "url", DB + "url=jdbc:postgresql://db-1:5432,db-2:five/x?targetServerType=primary"),
				bad(DB + "url", DB + "url=jdbc:postgresql://app:" + PASSWORD + "@127.0.0.1:5432/x"),
				bad(DB + "url", DB + "url=" + FailedStartup.UNREACHABLE_PRIMARY, DB + "url=mysql://127.0.0.1:3306/x"),
				bad(DB + "url", DB + "url=" + FailedStartup.UNREACHABLE_PRIMARY + "?sslmode=strict"),
				bad("spring.datasource.url", "spring.datasource.url=jdbc:postgresql://127.0.0.1:0/x"),
				bad("DATABASE_URL", "DATABASE_URL=postgres://app:" + PASSWORD + "@127.0.0.1:notaport/x"),
				bad("DATABASE_URL", "DATABASE_URL=mysql://app:" + PASSWORD + "@127.0.0.1/x"),
				bad("DB_PORT", "DB_HOST=127.0.0.1", "DB_NAME=x", "DB_PORT=99999", "DB_PASSWORD=" + PASSWORD),
				bad("DB_NAME", "DB_HOST=127.0.0.1", "DB_PASSWORD=" + PASSWORD),
				bad("NODE_ENV", "NODE_ENV=prodution"),
				// pools and startup
				bad(DB + "pool.maximum-size", DB + "pool.maximum-size=0"),
				bad(DB + "pool.minimum-idle", DB + "pool.minimum-idle=20"),
				bad(DB + "pool.connection-timeout", DB + "pool.connection-timeout=0"),
				bad(DB + "pool.connection-timeout", DB + "pool.connection-timeout=100ms"),
				bad(DB + "pool.idle-timeout", DB + "pool.idle-timeout=-5s"),
				bad(DB + "startup.connect-timeout", DB + "startup.connect-timeout=-1s"),
				// TLS
				bad(DB + "ssl.root-cert", DB + "ssl.mode=verify-full"),
				bad(DB + "ssl.root-cert", DB + "ssl.mode=verify-ca", DB + "ssl.root-cert=/nowhere/root.crt"),
				bad(DB + "ssl.mode", DB + "environment=production", DB + "ssl.mode=prefer"),
				// replicas
				bad(DB + "replicas[0].url", DB + "replicas[0].url=jdbc:mysql://127.0.0.1/x"),
				bad(DB + "replicas[0].url",
						DB + "replicas[0].url=jdbc:postgresql://127.0.0.1:0/x?password=" + PASSWORD),
				bad(DB + "replicas[0].url", DB + "replicas[0].weight=2"),
				bad(DB + "replicas[0].weight", DB + "replicas[0].url=" + REPLICA, DB + "replicas[0].weight=0"),
				bad(DB + "replicas[0].name", DB + "replicas[0].url=" + REPLICA, DB + "replicas[0].name=Replica One"),
				bad(DB + "replicas[0].pool.maximum-size", DB + "replicas[0].url=" + REPLICA,
						DB + "replicas[0].pool.maximum-size=0"),
				// routing and health
				bad(DB + "routing.max-replication-lag", DB + "routing.max-replication-lag=0s"),
				bad(DB + "routing.read-your-writes", DB + "routing.read-your-writes=-1s"),
				bad(DB + "health.check-interval", DB + "health.check-interval=0"),
				bad(DB + "health.timeout", DB + "health.timeout=-2s"),
				// resilience
				bad(DB + "resilience.retry.initial-interval", DB + "resilience.retry.initial-interval=0"),
				bad(DB + "resilience.retry.jitter", DB + "resilience.retry.jitter=1.5"),
				bad(DB + "resilience.retry.max-interval", DB + "resilience.retry.initial-interval=2s",
						DB + "resilience.retry.max-interval=1s"),
				bad(DB + "resilience.circuit-breaker.failure-rate-threshold",
						DB + "resilience.circuit-breaker.failure-rate-threshold=150"),
				bad(DB + "resilience.circuit-breaker.sliding-window-size",
						DB + "resilience.circuit-breaker.sliding-window-size=0"),
				// alerts, backups, shutdown, monitoring
				bad(DB + "alerts.rules[0].metric", DB + "alerts.rules[0].name=slow",
						DB + "alerts.rules[0].threshold=2"),
				bad(DB + "alerts.rules[0].cooldown", DB + "alerts.rules[0].name=slow",
						DB + "alerts.rules[0].metric=latency", DB + "alerts.rules[0].threshold=2",
						DB + "alerts.rules[0].cooldown=-1m"),
				bad(DB + "backup.directory", DB + "backup.schedule=@daily"),
				bad(DB + "backup.retention", DB + "backup.schedule=@daily", DB + "backup.directory=/tmp/backups",
						DB + "backup.retention=0"),
				bad(DB + "shutdown.drain-timeout", DB + "shutdown.drain-timeout=-1s"),
				bad(DB + "monitoring.slow-query-threshold", DB + "monitoring.slow-query-threshold=0"),
				// values that cannot even be bound: Spring Boot's own report, before any connection
				bad(DB + "routing.load-balancer", DB + "routing.load-balancer=fastest"),
				bad(DB + "resilience.retry.max-attempts", DB + "resilience.retry.max-attempts=many"),
				bad(DB + "environment", DB + "environment=prodution"));
	}

	private static Arguments bad(String key, String... settings) {
		return Arguments.of(key, List.of(settings));
	}

	@ParameterizedTest(name = "{1} is reported under {0}")
	@MethodSource("badConfigurations")
	void badSettingIsReportedByKeyBeforeAnyConnection(String key, List<String> settings, CapturedOutput output) {
		FailedStartup.run(FailedStartup.Application.class, FailedStartup.withChangelog(withPrimary(settings)));
		String report = FailedStartup.assertReport(output, PASSWORD, key);
		assertThat(report).doesNotContain("unreachable", "Liquibase", "liquibase");
	}

	@Test
	void thereAreAtLeastThirtyBadConfigurations() {
		assertThat(badConfigurations().count()).isGreaterThanOrEqualTo(30);
	}

	@Test
	void everyBadSettingOfOneStartIsReported(CapturedOutput output) {
		FailedStartup.run(FailedStartup.Application.class,
				FailedStartup.withChangelog(withPrimary(List.of(DB + "resilience.retry.multiplier=0.5",
						DB + "pool.maximum-size=0", DB + "backup.schedule=every-day",
						DB + "replicas[0].url=jdbc:postgresql://127.0.0.1:notaport/x"))));
		String report = FailedStartup.assertReport(output, PASSWORD, "5 settings cannot work",
				"Property: " + DB + "resilience.retry.multiplier", "Property: " + DB + "pool.maximum-size",
				"Property: " + DB + "backup.schedule", "Property: " + DB + "backup.directory",
				"Property: " + DB + "replicas[0].url", "Fix each of the 5 settings above");
		assertThat(report.split("    Fix: ")).hasSize(6);
	}

	@Test
	void twoBadSettingsAreBothReported(CapturedOutput output) {
		FailedStartup.run(FailedStartup.Application.class, FailedStartup.withChangelog(
				List.of(DB + "url=jdbc:postgresql://127.0.0.1:notaport/x", DB + "password=" + PASSWORD,
						DB + "resilience.retry.max-attempts=0")));
		FailedStartup.assertReport(output, PASSWORD, "2 settings cannot work", "Property: " + DB + "url",
				"a port is not a number from 1 to 65535", "Property: " + DB + "resilience.retry.max-attempts",
				"Value: 0");
	}

	private static List<String> withPrimary(List<String> settings) {
		List<String> all = new ArrayList<>(settings);
		boolean primaryGiven = settings.stream()
			.anyMatch((setting) -> setting.startsWith(DB + "url=") || setting.startsWith("spring.datasource.url=")
					|| setting.startsWith("DATABASE_URL=") || setting.startsWith("DB_HOST="));
		if (!primaryGiven) {
			all.add(DB + "url=" + FailedStartup.UNREACHABLE_PRIMARY);
		}
		all.add(DB + "password=" + PASSWORD);
		return all;
	}

}
