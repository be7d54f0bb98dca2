package io.github.chanuka.database.sample;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Actuator endpoints of the sample, backed by the embedded cluster.
 */
@SampleApplicationTest
class ActuatorTests {

	@Autowired
	private RestTestClient client;

	@Test
	void healthIsUpWithTheDatabaseComponentUp() {
		// Boot 4 health includes readiness, which reads OUT_OF_SERVICE until the app is ready
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> this.client.get()
				.uri("/actuator/health")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("UP")
				.jsonPath("$.components.db.status")
				.isEqualTo("UP")
				.jsonPath("$.components.db.details.database")
				.isEqualTo("PostgreSQL"));
	}

	@Test
	void prometheusScrapeHasHikariMetricsOfThePrimaryPool() {
		String scrape = get("/actuator/prometheus");
		assertThat(Arrays.stream(scrape.split("\n")))
			.anyMatch((line) -> line.startsWith("hikaricp_connections{") && line.contains("pool=\"chanuka-primary\""));
	}

	@Test
	void infoDescribesTheApplication() {
		this.client.get()
			.uri("/actuator/info")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.app.name")
			.isEqualTo("chanuka-bills");
	}

	@Test
	void envShowsThePrimaryButNeverItsPassword() {
		String body = get("/actuator/env");
		assertThat(body).contains("chanuka.database.password").doesNotContain(EmbeddedClusterInitializer.PASSWORD);
	}

	@Test
	void configpropsShowsThePrimaryButNeverItsPassword() {
		String body = get("/actuator/configprops");
		assertThat(body).contains("\"prefix\":\"chanuka.database\"")
			.doesNotContain(EmbeddedClusterInitializer.PASSWORD);
	}

	private String get(String endpoint) {
		return this.client.get()
			.uri(endpoint)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
	}

}
