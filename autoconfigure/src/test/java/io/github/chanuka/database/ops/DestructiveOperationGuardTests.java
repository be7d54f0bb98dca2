package io.github.chanuka.database.ops;

import java.util.List;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.ops.DestructiveOperationRefusedException.Reason;
import io.github.chanuka.database.pool.DatabaseSettings;
import io.github.chanuka.database.pool.NodeConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rule that every caller of a reset or restore goes through, without a database.
 */
class DestructiveOperationGuardTests {

	private static final String REMOTE = "jdbc:postgresql://db.example.com:5432/bills?password=s3cret";

	private static final String LOCAL = "jdbc:postgresql://localhost:5432/bills";

	@ParameterizedTest(name = "{0} from {1} on {2}, confirming {3}: {4}")
	@CsvSource(nullValues = "null", value = {
			"DEVELOPMENT, default,                       LOCAL,  null,  UNCONFIRMED",
			"DEVELOPMENT, default,                       LOCAL,  '',    UNCONFIRMED",
			"TEST,        chanuka.database.environment,  LOCAL,  bill,  WRONG_DATABASE",
			"DEVELOPMENT, default,                       REMOTE, bills, REMOTE_HOST",
			"PRODUCTION,  active profile 'prod',         LOCAL,  bills, ENVIRONMENT",
			"STAGING,     chanuka.database.environment,  REMOTE, bills, ENVIRONMENT",
			"DEVELOPMENT, default,                       NONE,   bills, NO_DATABASE_NAME" })
	void refusals(DatabaseEnvironment environment, String origin, String host, String confirmed, Reason reason) {
		DestructiveOperationGuard guard = DestructiveOperationGuard.of(settings(environment, origin, url(host)));
		assertThatExceptionOfType(DestructiveOperationRefusedException.class)
			.isThrownBy(() -> guard.check("db reset", confirmed))
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo(reason);
				assertThat(ex.getMessage() + ex.getAction()).doesNotContain("s3cret");
				assertThat(ex.getAction()).isNotBlank();
			});
	}

	@ParameterizedTest(name = "{0} from {1} on {2}: {3}")
	@CsvSource({ "DEVELOPMENT, default,                      LOCAL,  the primary is on this machine",
			"DEVELOPMENT, active profile 'dev',         REMOTE, environment development from active profile 'dev'",
			"TEST,        chanuka.database.environment, REMOTE, environment test from chanuka.database.environment" })
	void allowed(DatabaseEnvironment environment, String origin, String host, String why) {
		assertThat(DestructiveOperationGuard.of(settings(environment, origin, url(host))).check("db restore", "bills"))
			.isEqualTo("db restore allowed on bills: " + why);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "jdbc:postgresql://localhost/bills, true", "jdbc:postgresql://db.example.com/bills, false",
			"jdbc:postgresql://127.0.0.1:5433/bills, true", "jdbc:postgresql://localhost.example.com/bills, false" })
	void withoutTheEnvironmentOnlyAPrimaryOnThisMachineIsAllowed(String url, boolean allowed) {
		DestructiveOperationGuard guard = DestructiveOperationGuard.of(settings(DatabaseEnvironment.DEVELOPMENT,
				"default", url));
		if (allowed) {
			assertThat(guard.check("db restore", "bills")).endsWith("the primary is on this machine");
		}
		else {
			assertThatExceptionOfType(DestructiveOperationRefusedException.class)
				.isThrownBy(() -> guard.check("db restore", "bills"))
				.withMessageStartingWith("db restore is refused: the primary");
		}
	}

	private static String url(String host) {
		return switch (host) {
			case "LOCAL" -> LOCAL;
			case "REMOTE" -> REMOTE;
			default -> "jdbc:postgresql://localhost/";
		};
	}

	private static DatabaseSettings settings(DatabaseEnvironment environment, String origin, String url) {
		NodeConnection primary = new NodeConnection(url, "app", "s3cret", "chanuka.database.url");
		return new DatabaseSettings(environment, origin, primary, null, null, List.of());
	}

}
