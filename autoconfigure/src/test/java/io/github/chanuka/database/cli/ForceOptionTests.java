package io.github.chanuka.database.cli;

import java.util.List;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.pool.DatabaseSettings;
import io.github.chanuka.database.pool.NodeConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The fail-closed rule of {@code --force=DATABASE}, without a database.
 */
class ForceOptionTests {

	private static final String REMOTE = "jdbc:postgresql://db.example.com:5432/bills?password=s3cret";

	private static final String LOCAL = "jdbc:postgresql://localhost:5432/bills";

	@Test
	void aPlainForceIsAUsageErrorNamingTheDatabase() {
		assertThatExceptionOfType(ParameterException.class)
			.isThrownBy(() -> force("--force").check(explicitTest(LOCAL)))
			.withMessage("--force must name the database db reset changes, to show it is the intended one: --force=bills");
	}

	@Test
	void aRemotePrimaryInTheDefaultEnvironmentIsRefusedWithTheFix() {
		assertThatExceptionOfType(CommandException.class)
			.isThrownBy(() -> force("--force=bills").check(settings(DatabaseEnvironment.DEVELOPMENT, "default", REMOTE)))
			.satisfies((ex) -> {
				assertThat(ex.getExitCode()).isEqualTo(DatabaseCommandLine.USAGE);
				assertThat(ex.getMessage()).isEqualTo("db reset is refused: the primary"
						+ " jdbc:postgresql://db.example.com:5432/bills?password=****** is not on this machine, and the"
						+ " environment is development only by default");
				assertThat(ex.getAction()).contains("chanuka.database.environment=development");
			});
	}

	@Test
	void anExplicitDevelopmentOrTestEnvironmentAllowsARemotePrimary() {
		assertThat(force("--force=bills")
			.check(settings(DatabaseEnvironment.DEVELOPMENT, "active profile 'dev'", REMOTE)))
			.isEqualTo("db reset allowed on bills: environment development from active profile 'dev'");
		assertThat(force("--force=bills").check(explicitTest(REMOTE)))
			.endsWith("environment test from chanuka.database.environment");
	}

	@Test
	void aLoopbackPrimaryInTheDefaultEnvironmentIsAllowed() {
		assertThat(force("--force=bills").check(settings(DatabaseEnvironment.DEVELOPMENT, "default", LOCAL)))
			.isEqualTo("db reset allowed on bills: the primary is on this machine");
	}

	@ParameterizedTest
	@ValueSource(strings = { "production", "staging" })
	void stagingAndProductionAreRefusedEvenOnThisMachine(String environment) {
		assertThatExceptionOfType(CommandException.class)
			.isThrownBy(() -> force("--force=bills").check(settings(
					DatabaseEnvironment.valueOf(environment.toUpperCase()), "active profile 'x'", LOCAL)))
			.withMessage("db reset is refused in " + environment + " (environment from active profile 'x')");
	}

	@Test
	void aForceNamingAnotherDatabaseIsRefused() {
		assertThatExceptionOfType(CommandException.class)
			.isThrownBy(() -> force("--force=bill").check(explicitTest(LOCAL)))
			.withMessageStartingWith(
					"--force=bill does not name the primary's database, bills (jdbc:postgresql://localhost:5432/bills)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://localhost/bills", "jdbc:postgresql://LOCALHOST:5433/bills",
			"jdbc:postgresql://127.0.0.1/bills", "jdbc:postgresql://127.0.1.1:5432/bills",
			"jdbc:postgresql://[::1]:5432/bills", "jdbc:postgresql:bills",
			"jdbc:postgresql://localhost:5432,127.0.0.1:5433/bills" })
	void loopbackHostsAreOnThisMachine(String url) {
		assertThat(ForceOption.isLoopback(url)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://db.example.com/bills", "jdbc:postgresql://10.0.0.5/bills",
			"jdbc:postgresql://[2001:db8::1]:5432/bills", "jdbc:postgresql://localhost:5432,10.0.0.5:5432/bills",
			"jdbc:postgresql://localhost.example.com/bills", "jdbc:postgresql:///bills", "not a url" })
	void otherHostsAreNot(String url) {
		assertThat(ForceOption.isLoopback(url)).isFalse();
	}

	@Test
	void aUrlWithoutADatabaseNameIsRefused() {
		assertThatExceptionOfType(CommandException.class)
			.isThrownBy(() -> force("--force=bills")
				.check(explicitTest("jdbc:postgresql://localhost/")))
			.withMessage("The primary's URL jdbc:postgresql://localhost/ names no database");
	}

	private static ForceOption force(String... args) {
		Reset reset = new Reset();
		new CommandLine(reset).parseArgs(args);
		return reset.force;
	}

	private static DatabaseSettings explicitTest(String url) {
		return settings(DatabaseEnvironment.TEST, "chanuka.database.environment", url);
	}

	private static DatabaseSettings settings(DatabaseEnvironment environment, String origin, String url) {
		return new DatabaseSettings(environment, origin, new NodeConnection(url, "app", "s3cret", "chanuka.database.url"),
				null, null, List.of());
	}

	@Command(name = "reset")
	static class Reset {

		@Mixin
		ForceOption force;

	}

}
