package io.github.chanuka.database.routing.jpa;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.chanuka.database.routing.RoutingContext;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.support.OpenEntityManagerInViewInterceptor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A JPA web application on Spring Boot's defaults, open-in-view included, served over
 * real HTTP: a request that loads in a read-only transaction and then saves stores its
 * change on the primary, and a request that saves and then reads in a read-only
 * transaction reads its own write, although the EntityManager holds one connection for
 * the whole request.
 */
@EmbeddedCluster(replicas = 1, faults = true)
class OpenInViewIntegrationTests {

	private static PostgresCluster cluster;

	private static ConfigurableApplicationContext application;

	private static final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startApplication(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
		PostgresNode primary = cluster.primary();
		application = new SpringApplicationBuilder(MotionApplication.class).run("--server.port=0",
				"--chanuka.database.url=" + primary.jdbcUrl(), "--chanuka.database.username=" + primary.username(),
				"--chanuka.database.password=" + primary.password(),
				"--chanuka.database.replicas[0].url=" + cluster.replica(1).jdbcUrl(),
				"--chanuka.database.health.check-interval=200ms", "--spring.jpa.hibernate.ddl-auto=update",
				"--spring.task.execution.pool.core-size=1", "--spring.task.execution.pool.max-size=1");
		cluster.awaitReplicated(Duration.ofSeconds(10));
	}

	@AfterAll
	static void stopApplication() {
		application.close();
	}

	@AfterEach
	void replayOnTime() {
		cluster.replica(1).resumeReplay();
	}

	@Test
	void openInViewIsOnAsBootLeavesIt() {
		assertThat(application.getBeansOfType(OpenEntityManagerInViewInterceptor.class)).hasSize(1);
	}

	@Test
	void aRequestThatLoadsInAReadOnlyTransactionAndThenSavesStoresTheChangeOnThePrimary() throws Exception {
		for (int i = 0; i < 10; i++) {
			long id = Long.parseLong(send("POST", "/motions", "Adjourn " + i).body());
			cluster.awaitReplicated(Duration.ofSeconds(10));
			HttpResponse<String> renamed = send("PUT", "/motions/" + id, "Recess " + i);
			assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
			assertThat(renamed.body()).as("where the load ran").isEqualTo("replica-1");
			assertThat(titleOnPrimary(id)).isEqualTo("Recess " + i);
		}
	}

	@Test
	void aRequestThatSavesAndThenReadsInAReadOnlyTransactionReadsItsOwnWrite() throws Exception {
		cluster.replica(1).pauseReplay();
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> created = send("POST", "/motions/read-back", "Second reading " + i);
			assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
			assertThat(created.body()).isEqualTo("Second reading " + i);
		}
	}

	@Test
	void aReadOnlyMethodThatLosesItsConnectionBeforeReturningAnythingRunsOnceMoreOnAFreshConnection()
			throws Exception {
		long id = Long.parseLong(send("POST", "/motions", "Division").body());
		cluster.awaitReplicated(Duration.ofSeconds(10));
		HttpResponse<String> read = send("POST", "/motions/" + id + "/title-after-losing-a-connection", "");
		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		assertThat(read.body()).isEqualTo("Division 2");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(send("POST", "/motions/port", "").body())
				.isEqualTo(String.valueOf(cluster.replica(1).port())));
	}

	@Test
	void anAsynchronousRequestsWriteReachesItsResponseAndLeavesNothingOnTheExecutorsThread() throws Exception {
		HttpResponse<String> created = send("POST", "/motions/async", "Urgent question");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		assertThat(created.headers().firstValue("Chanuka-Db-Position")).isPresent();
		assertThat(created.headers().allValues("Set-Cookie")).anyMatch((cookie) -> cookie.startsWith("chanuka-db-position="));
		// the executor's one thread ran the write; another client's task on it must not inherit it
		ThreadPoolTaskExecutor executor = application.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class);
		RoutingContext context = application.getBean(RoutingContext.class);
		context.clear();
		String seenByTheNextTask = executor
			.submit(() -> context.unresolvedSince() + "/" + context.requiredPosition() + "/" + context.responseToken())
			.get();
		assertThat(seenByTheNextTask).isEqualTo("0/0/null");
	}

	private static HttpResponse<String> send(String method, String path, String body) throws Exception {
		int port = ((WebServerApplicationContext) application).getWebServer().getPort();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "text/plain")
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String titleOnPrimary(long id) {
		return new JdbcTemplate(cluster.primary().dataSource())
			.queryForObject("select title from jpa_motions where id = ?", String.class, id);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ MotionController.class, Titles.class })
	static class MotionApplication {

	}

	@RestController
	static class MotionController {

		private final MotionRepository motions;

		private final Titles titles;

		MotionController(MotionRepository motions, Titles titles) {
			this.motions = motions;
			this.titles = titles;
		}

		@PostMapping("/motions")
		String create(@RequestBody String title) {
			return String.valueOf(this.motions.save(new Motion(title)).getId());
		}

		@PutMapping("/motions/{id}")
		String rename(@PathVariable long id, @RequestBody String title) {
			Motion motion = this.motions.findById(id).orElseThrow();
			String loadedOn = (this.motions.serverPort() == cluster.replica(1).port()) ? "replica-1" : "primary";
			motion.setTitle(title);
			this.motions.save(motion);
			return loadedOn;
		}

		@PostMapping("/motions/port")
		String port() {
			return String.valueOf(this.motions.serverPort());
		}

		@PostMapping("/motions/{id}/title-after-losing-a-connection")
		String titleAfterLosingAConnection(@PathVariable long id) {
			return this.titles.titleLosingTheFirstConnection(id);
		}

		@PostMapping("/motions/async")
		Callable<String> createAsynchronously(@RequestBody String title) {
			return () -> String.valueOf(this.motions.save(new Motion(title)).getId());
		}

		@PostMapping("/motions/read-back")
		String createAndReadBack(@RequestBody String title) {
			Motion saved = this.motions.save(new Motion(title));
			return this.motions.titleOf(saved.getId());
		}

	}

	static class Titles {

		private final MotionRepository motions;

		private final EntityManager entityManager;

		private final AtomicInteger runs = new AtomicInteger();

		Titles(MotionRepository motions, EntityManager entityManager) {
			this.motions = motions;
			this.entityManager = entityManager;
		}

		@Transactional(readOnly = true)
		public String titleLosingTheFirstConnection(long id) {
			int run = this.runs.incrementAndGet();
			if (run == 1) {
				this.entityManager.createNativeQuery("select pg_terminate_backend(pg_backend_pid())").getSingleResult();
			}
			return this.motions.titleOf(id) + " " + run;
		}

	}

}
