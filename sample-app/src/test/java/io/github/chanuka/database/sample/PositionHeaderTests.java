package io.github.chanuka.database.sample;

import java.time.Duration;
import java.util.Map;

import io.github.chanuka.database.embedded.EmbeddedPostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.chanuka.database.routing.ReadYourWritesFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An API client that keeps no cookies reads its own writes by echoing the
 * {@code Chanuka-Db-Position} response header, while the replicas do not replay.
 */
@SampleApplicationTest
class PositionHeaderTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private EmbeddedPostgresCluster cluster;

	@AfterEach
	void resumeReplay() {
		this.cluster.replicas().forEach(PostgresNode::resumeReplay);
	}

	@Test
	void apiClientReadsItsNewBillFromLaggingReplicasByEchoingThePositionHeader() {
		this.cluster.replicas().forEach(PostgresNode::pauseReplay);
		EntityExchangeResult<Bill> created = this.client.post()
			.uri("/api/bills")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("title", "Header Echo Bill", "introducedOn", "2025-05-05"))
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(Bill.class);
		assertThat(created.getResponseHeaders().get(ReadYourWritesFilter.HEADER_NAME)).hasSize(1);
		String token = created.getResponseHeaders().getFirst(ReadYourWritesFilter.HEADER_NAME);
		String location = created.getResponseHeaders().getLocation().toString();
		// without the header the read goes to a replica, which has not replayed the bill
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> this.client.get().uri(location).exchange().expectStatus().isNotFound());
		// the create request read nothing after its write, so no position was read for it
		assertThat(token).isEqualTo("wrote");
		EntityExchangeResult<Bill> read = this.client.get()
			.uri(location)
			.header(ReadYourWritesFilter.HEADER_NAME, token)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(Bill.class);
		assertThat(read.getResponseBody()).isEqualTo(created.getResponseBody());
		String position = read.getResponseHeaders().getFirst(ReadYourWritesFilter.HEADER_NAME);
		assertThat(position).as("the read resolved the write's position").matches("[0-9a-f]+");
		this.client.get()
			.uri(location)
			.header(ReadYourWritesFilter.HEADER_NAME, position)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(ReadYourWritesFilter.HEADER_NAME);
	}

}
