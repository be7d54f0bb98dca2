package io.github.chanuka.database.sample;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bills API against the seeded database. Tests that write create their own bills, so
 * the seed rows stay as the changelog inserted them.
 */
@SampleApplicationTest
class BillApiTests {

	private static final ParameterizedTypeReference<List<Bill>> BILLS = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private RestTestClient client;

	@Test
	void seedBillsAreListed() {
		List<Bill> bills = list("/api/bills");
		assertThat(bills).extracting(Bill::title)
			.contains("Public Finance Management (Amendment) Bill", "Data Protection Bill",
					"Access to Information (Amendment) Bill", "Climate Resilience Fund Bill", "Gaming Levy Bill");
		assertThat(bills).extracting(Bill::id).isSorted();
	}

	@Test
	void filteringByStatusListsOnlyBillsAtThatStage() {
		List<Bill> bills = list("/api/bills?status=IN_COMMITTEE");
		assertThat(bills).isNotEmpty().allSatisfy((bill) -> assertThat(bill.status()).isEqualTo(BillStatus.IN_COMMITTEE));
		assertThat(bills).extracting(Bill::title).contains("Data Protection Bill", "Climate Resilience Fund Bill");
	}

	@Test
	void createdBillIsReturnedWithItsLocationAndCanBeReadThere() {
		EntityExchangeResult<Bill> result = this.client.post()
			.uri("/api/bills")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("title", "Open Parliament Bill", "status", "IN_COMMITTEE", "sponsor", "Hon. K. Silva",
					"introducedOn", "2025-03-04"))
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(Bill.class);
		Bill created = result.getResponseBody();
		assertThat(created.title()).isEqualTo("Open Parliament Bill");
		assertThat(created.status()).isEqualTo(BillStatus.IN_COMMITTEE);
		assertThat(created.introducedOn()).isEqualTo(LocalDate.of(2025, 3, 4));
		assertThat(created.updatedAt()).isNotNull();
		String location = result.getResponseHeaders().getLocation().toString();
		assertThat(location).endsWith("/api/bills/" + created.id());
		// reads may be served by a replica once routing arrives: wait for it to catch up
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.client.get()
				.uri(location)
				.exchange()
				.expectStatus()
				.isOk()
				.returnResult(Bill.class)
				.getResponseBody()).isEqualTo(created));
	}

	@Test
	void billCreatedWithoutStatusIsIntroduced() {
		Bill created = create("Community Policing Bill");
		assertThat(created.status()).isEqualTo(BillStatus.INTRODUCED);
		assertThat(created.sponsor()).isNull();
	}

	@Test
	void patchChangesTheStatusKeepsOtherFieldsAndBumpsUpdatedAt() {
		Bill created = create("Public Transport Authority Bill");
		Bill patched = this.client.patch()
			.uri("/api/bills/{id}", created.id())
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("status", "PASSED"))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(Bill.class)
			.getResponseBody();
		assertThat(patched.status()).isEqualTo(BillStatus.PASSED);
		assertThat(patched.title()).isEqualTo(created.title());
		assertThat(patched.introducedOn()).isEqualTo(created.introducedOn());
		assertThat(patched.updatedAt()).isAfter(created.updatedAt());
	}

	@Test
	void mergePatchContentTypeIsAccepted() {
		Bill created = create("Freedom of Assembly Bill");
		this.client.patch()
			.uri("/api/bills/{id}", created.id())
			.contentType(MediaType.parseMediaType("application/merge-patch+json"))
			.body(Map.of("sponsor", "Hon. R. Fernando"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sponsor")
			.isEqualTo("Hon. R. Fernando");
	}

	@Test
	void unknownBillIsNotFound() {
		this.client.get()
			.uri("/api/bills/{id}", Long.MAX_VALUE)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404)
			.jsonPath("$.detail")
			.isEqualTo("No bill has id " + Long.MAX_VALUE);
	}

	@Test
	void patchOfUnknownBillIsNotFound() {
		this.client.patch()
			.uri("/api/bills/{id}", Long.MAX_VALUE)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("status", "PASSED"))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	private Bill create(String title) {
		return this.client.post()
			.uri("/api/bills")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("title", title, "introducedOn", "2025-01-15"))
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(Bill.class)
			.getResponseBody();
	}

	private List<Bill> list(String uri) {
		return this.client.get().uri(uri).exchange().expectStatus().isOk().returnResult(BILLS).getResponseBody();
	}

}
