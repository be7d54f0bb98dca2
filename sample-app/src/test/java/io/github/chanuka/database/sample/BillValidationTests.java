package io.github.chanuka.database.sample;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad requests are answered with a 400 problem detail that names the field and value
 * at fault.
 */
@SampleApplicationTest
class BillValidationTests {

	@Autowired
	private RestTestClient client;

	@Test
	void missingTitleIsRejectedNamingTheField() {
		String detail = post("{\"status\":\"INTRODUCED\",\"introducedOn\":\"2025-01-15\"}");
		assertThat(detail).isEqualTo("title must not be blank");
	}

	@Test
	void blankTitleIsRejectedNamingTheField() {
		String detail = post("{\"title\":\"  \",\"introducedOn\":\"2025-01-15\"}");
		assertThat(detail).isEqualTo("title must not be blank (was '  ')");
	}

	@Test
	void missingIntroductionDateIsRejectedNamingTheField() {
		String detail = post("{\"title\":\"Dated Bill\"}");
		assertThat(detail).isEqualTo("introducedOn must not be null");
	}

	@Test
	void unknownStatusIsRejectedNamingTheFieldAndTheAllowedValues() {
		String detail = post("{\"title\":\"Vetoed Bill\",\"status\":\"VETOED\",\"introducedOn\":\"2025-01-15\"}");
		assertThat(detail).isEqualTo("status: 'VETOED' is not one of [INTRODUCED, IN_COMMITTEE, PASSED, REJECTED]");
	}

	@Test
	void invalidDateIsRejectedNamingTheField() {
		String detail = post("{\"title\":\"Undated Bill\",\"introducedOn\":\"last tuesday\"}");
		assertThat(detail).isEqualTo("introducedOn: 'last tuesday' is not a date such as 2025-01-31");
	}

	@Test
	void titleOfTheWrongTypeIsRejectedNamingTheField() {
		String detail = post("{\"title\":{\"en\":\"Nested Bill\"},\"introducedOn\":\"2025-01-15\"}");
		assertThat(detail).isEqualTo("title: expected a string but found an object");
	}

	@Test
	void malformedJsonIsRejected() {
		String detail = post("{\"title\": \"Broken Bill\",");
		assertThat(detail).startsWith("Malformed JSON: ");
	}

	@Test
	void unknownStatusFilterIsRejectedNamingTheParameter() {
		this.client.get()
			.uri("/api/bills?status=VETOED")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("status: 'VETOED' is not one of [INTRODUCED, IN_COMMITTEE, PASSED, REJECTED]");
	}

	@Test
	void blankTitleInPatchIsRejected() {
		this.client.patch()
			.uri("/api/bills/1")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("title", ""))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("title");
	}

	private String post(String json) {
		return this.client.post()
			.uri("/api/bills")
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.returnResult(Map.class)
			.getResponseBody()
			.get("detail")
			.toString();
	}

}
