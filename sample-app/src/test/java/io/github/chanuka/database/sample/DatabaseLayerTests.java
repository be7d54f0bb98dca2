package io.github.chanuka.database.sample;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.chanuka.database.embedded.EmbeddedPostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.chanuka.database.embedded.StopMode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the starter adds, seen through the sample's HTTP API and actuator: reads on the
 * replicas, statement metrics per node, the status report, and a clean 503 while the
 * primary is down.
 */
@SampleApplicationTest
class DatabaseLayerTests {

	private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-z_]+)\\{([^}]*)\\} ([0-9.eE+-]+)$");

	@Autowired
	private RestTestClient client;

	@Autowired
	private EmbeddedPostgresCluster cluster;

	@Test
	void readsAreServedByTheReplicasAndEveryStatementIsCountedOnItsNode() {
		awaitReplicasUsable();
		double readsBefore = sum(scrape(), "chanuka_db_routing_total", "reason=\"read\"");
		double replicaStatementsBefore = sum(scrape(), "chanuka_db_queries_seconds_count", "role=\"replica\"");
		for (int i = 0; i < 10; i++) {
			this.client.get().uri("/api/bills").exchange().expectStatus().isOk();
		}
		String scrape = scrape();
		assertThat(sum(scrape, "chanuka_db_routing_total", "reason=\"read\"") - readsBefore).isEqualTo(10);
		assertThat(sum(scrape, "chanuka_db_queries_seconds_count", "role=\"replica\"") - replicaStatementsBefore)
			.isEqualTo(10);
		assertThat(sum(scrape, "chanuka_db_routing_total", "node=\"replica-1\",reason=\"read\"")).isPositive();
		assertThat(sum(scrape, "chanuka_db_routing_total", "node=\"replica-2\",reason=\"read\"")).isPositive();
	}

	@Test
	void statusReportListsEveryNodeWithoutSecrets() {
		awaitReplicasUsable();
		String report = this.client.get()
			.uri("/actuator/database")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		assertThat(report).contains("\"environment\":\"development\"", "\"name\":\"primary\"",
				"\"name\":\"replica-1\"", "\"name\":\"replica-2\"", "\"name\":\"chanuka-replica-2\"")
			.doesNotContain(EmbeddedClusterInitializer.PASSWORD);
	}

	@Test
	void catalogReportsAreServedAsSelectorsOfTheDatabaseEndpoint() {
		this.client.get()
			.uri("/actuator/database/indexes")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.advice")
			.isArray();
		this.client.get()
			.uri("/actuator/database/validation")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.checks")
			.value((checks) -> assertThat(checks.toString()).contains("bills-introduced-in-the-future"));
		this.client.get().uri("/actuator/database/nothing").exchange().expectStatus().isNotFound();
	}

	@Test
	void writeWhilePrimaryIsDownAnswers503QuicklyAndWritesResumeWhenItIsBack() {
		PostgresNode primary = this.cluster.primary();
		primary.stop(StopMode.FAST);
		try {
			long start = System.nanoTime();
			this.client.post()
				.uri("/api/bills")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"title\":\"While Down\",\"introducedOn\":\"2025-03-01\"}")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody()
				.jsonPath("$.title")
				.isEqualTo("Database unavailable");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no 30 s hang")
				.isLessThan(Duration.ofSeconds(20));
		}
		finally {
			primary.start();
		}
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			EntityExchangeResult<String> created = this.client.post()
				.uri("/api/bills")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"title\":\"After Restart\",\"introducedOn\":\"2025-03-02\"}")
				.exchange()
				.returnResult(String.class);
			assertThat(created.getStatus().value()).isEqualTo(201);
		});
	}

	private void awaitReplicasUsable() {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> this.client.get()
				.uri("/actuator/health")
				.exchange()
				.expectBody()
				.jsonPath("$.components.chanukaDatabase.status")
				.isEqualTo("UP"));
	}

	private String scrape() {
		return this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
	}

	private static double sum(String scrape, String name, String labels) {
		double total = 0;
		Matcher matcher = SAMPLE.matcher(scrape);
		while (matcher.find()) {
			if (matcher.group(1).equals(name) && containsAll(matcher.group(2), labels)) {
				total += Double.parseDouble(matcher.group(3));
			}
		}
		return total;
	}

	private static boolean containsAll(String actual, String wanted) {
		for (String label : wanted.split(",")) {
			if (!actual.contains(label)) {
				return false;
			}
		}
		return true;
	}

}
