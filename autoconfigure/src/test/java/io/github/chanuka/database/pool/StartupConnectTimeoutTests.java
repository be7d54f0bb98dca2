package io.github.chanuka.database.pool;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import io.github.chanuka.database.SslMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A fail-fast pool keeps trying to reach its node for the startup connect timeout
 * (HikariCP's {@code initializationFailTimeout}) and says how long it tried.
 */
class StartupConnectTimeoutTests {

	@Test
	void anUnreachablePrimaryIsRetriedForTheConnectTimeoutThenReportedWithTheWait() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		NodeConnection connection = new NodeConnection("jdbc:postgresql://127.0.0.1:" + closedPort + "/bills", "app",
				"topsecret", "chanuka.database.url");
		long start = System.nanoTime();
		PrimaryUnreachableException ex = catchThrowableOfType(PrimaryUnreachableException.class,
				() -> new NodePoolFactory("chanuka.database.pool").create("primary", connection,
						settings(Duration.ofSeconds(3)), new TlsSettings(SslMode.DISABLE, null)));
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(ex).isNotNull();
		assertThat(took).isBetween(Duration.ofMillis(2900), Duration.ofSeconds(15));
		assertThat(ex.getMessage()).containsPattern("unreachable after \\d{4,5} ms of attempts")
			.doesNotContain("topsecret");
	}

	private static PoolSettings settings(Duration connectTimeout) {
		return new PoolSettings(0, 2, Duration.ofMillis(500), null, null, Duration.ZERO, null, null, null, true,
				connectTimeout);
	}

}
