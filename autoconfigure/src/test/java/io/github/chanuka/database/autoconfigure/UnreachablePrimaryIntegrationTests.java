package io.github.chanuka.database.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.chanuka.database.pool.ConnectionFailureCause;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each reason a real PostgreSQL primary cannot be reached gives its own report when
 * Liquibase takes the first connection of a development application: the masked URL,
 * the cause and the fix for that cause, with no stack trace above it and no password.
 */
@EmbeddedCluster(replicas = 0)
@ExtendWith(OutputCaptureExtension.class)
class UnreachablePrimaryIntegrationTests {

	private static PostgresNode primary;

	@BeforeAll
	static void useCluster(PostgresCluster cluster) {
		primary = cluster.primary();
	}

	@Test
	void wrongPortIsReportedAsRefused(CapturedOutput output) throws IOException {
		String url = "jdbc:postgresql://" + primary.host() + ":" + closedPort() + "/" + primary.database();
		startAndExpect(output, url, List.of(), ConnectionFailureCause.REFUSED);
	}

	@Test
	void wrongPasswordIsReportedAsAuthenticationFailedWithoutShowingIt(CapturedOutput output) {
		startAndExpect(output, primary.jdbcUrl(), List.of("chanuka.database.password=Wr0ng-" + primary.password()),
				ConnectionFailureCause.AUTHENTICATION_FAILED);
		assertThat(output.getAll()).doesNotContain("Wr0ng-" + primary.password());
	}

	@Test
	void missingDatabaseIsReportedAsMissing(CapturedOutput output) {
		String url = "jdbc:postgresql://" + primary.host() + ":" + primary.port() + "/no_such_database";
		startAndExpect(output, url, List.of(), ConnectionFailureCause.DATABASE_MISSING);
	}

	@Test
	void tlsRequiredByAServerWithoutTlsIsReportedAsTlsRequired(CapturedOutput output) {
		startAndExpect(output, primary.jdbcUrl(), List.of("chanuka.database.ssl.mode=require"),
				ConnectionFailureCause.TLS_REQUIRED);
	}

	@Test
	void stagingFailsFastWithTheSameReport(CapturedOutput output) {
		startAndExpect(output, primary.jdbcUrl(),
				List.of("chanuka.database.environment=staging", "chanuka.database.startup.connect-timeout=0",
						"chanuka.database.password=Wr0ng-" + primary.password()),
				ConnectionFailureCause.AUTHENTICATION_FAILED);
	}

	private void startAndExpect(CapturedOutput output, String url, List<String> settings,
			ConnectionFailureCause cause) {
		List<String> all = new ArrayList<>(List.of("chanuka.database.url=" + url,
				"chanuka.database.username=" + primary.username(), "chanuka.database.pool.connection-timeout=250ms"));
		if (settings.stream().noneMatch((setting) -> setting.startsWith("chanuka.database.password="))) {
			all.add("chanuka.database.password=" + primary.password());
		}
		all.addAll(settings);
		FailedStartup.run(FailedStartup.Application.class, FailedStartup.withChangelog(all));
		FailedStartup.assertReport(output, primary.password(), "Node: primary", "URL: " + url,
				"Cause: " + cause.reason(), cause.fix());
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
