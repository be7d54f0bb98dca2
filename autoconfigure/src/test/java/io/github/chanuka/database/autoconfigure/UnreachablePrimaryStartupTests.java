package io.github.chanuka.database.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.github.chanuka.database.pool.ConnectionFailureCause;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An unreachable primary gives the unreachable-primary report wherever startup first
 * needs it, in every environment.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnreachablePrimaryStartupTests {

	private static final String PASSWORD = "Pa55-w0rd-S3cret";

	private static final List<String> PRIMARY = List.of("chanuka.database.url=" + FailedStartup.UNREACHABLE_PRIMARY,
			"chanuka.database.password=" + PASSWORD, "chanuka.database.pool.connection-timeout=250ms");

	@Test
	void liquibaseInDevelopmentGetsTheReport(CapturedOutput output) {
		FailedStartup.run(FailedStartup.Application.class, FailedStartup.withChangelog(PRIMARY));
		FailedStartup.assertReport(output, PASSWORD, "URL: " + FailedStartup.UNREACHABLE_PRIMARY,
				"Cause: " + ConnectionFailureCause.REFUSED.reason(), ConnectionFailureCause.REFUSED.fix());
	}

	@Test
	void aCommandLineRunnerGetsTheReport(CapturedOutput output) {
		FailedStartup.run(FailedStartup.RunnerApplication.class,
				FailedStartup.withChangelog(with(PRIMARY, "spring.liquibase.enabled=false")));
		FailedStartup.assertReport(output, PASSWORD, "Cause: " + ConnectionFailureCause.REFUSED.reason());
	}

	@Test
	void sqlInitGetsTheReport(CapturedOutput output) {
		FailedStartup.run(FailedStartup.Application.class,
				FailedStartup.withChangelog(with(PRIMARY, "spring.liquibase.enabled=false", "spring.sql.init.mode=always",
						"spring.sql.init.schema-locations=classpath:db/schema.sql")));
		FailedStartup.assertReport(output, PASSWORD, "Cause: " + ConnectionFailureCause.REFUSED.reason());
	}

	@Test
	void jpaGetsTheReport(CapturedOutput output) {
		String[] args = FailedStartup.withChangelog(with(PRIMARY, "spring.liquibase.enabled=false"));
		String[] withJpa = Arrays.stream(args)
			.filter((arg) -> !arg.startsWith("--spring.autoconfigure.exclude"))
			.toArray(String[]::new);
		FailedStartup.run(FailedStartup.Application.class, withJpa);
		FailedStartup.assertReport(output, PASSWORD, "Cause: " + ConnectionFailureCause.REFUSED.reason());
	}

	@Test
	void anUnknownHostIsReportedAsSuch(CapturedOutput output) {
		FailedStartup.run(FailedStartup.Application.class,
				FailedStartup.withChangelog(List.of("chanuka.database.url=jdbc:postgresql://no-such-host.invalid:5432/x",
						"chanuka.database.password=" + PASSWORD, "chanuka.database.pool.connection-timeout=250ms")));
		FailedStartup.assertReport(output, PASSWORD, "Cause: " + ConnectionFailureCause.UNKNOWN_HOST.reason());
	}

	@Test
	void productionFailsFastWithTheSameReport(CapturedOutput output) {
		FailedStartup.run(FailedStartup.Application.class,
				FailedStartup.withChangelog(with(PRIMARY, "chanuka.database.environment=production",
						"chanuka.database.ssl.mode=require", "chanuka.database.startup.connect-timeout=0")));
		FailedStartup.assertReport(output, PASSWORD, "URL: " + FailedStartup.UNREACHABLE_PRIMARY,
				"Cause: " + ConnectionFailureCause.REFUSED.reason());
	}

	private static List<String> with(List<String> settings, String... more) {
		return Stream.concat(settings.stream(), Stream.of(more)).toList();
	}

}
