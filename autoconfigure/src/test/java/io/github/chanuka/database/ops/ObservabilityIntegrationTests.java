package io.github.chanuka.database.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.chanuka.database.alert.AlertRule;
import io.github.chanuka.database.alert.AlertSeverity;
import io.github.chanuka.database.alert.DatabaseAlertEvent;
import io.github.chanuka.database.alert.DatabaseSnapshot;
import io.github.chanuka.database.autoconfigure.ChanukaAlertsAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaDataSourceAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaDatabaseEndpointAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaHealthContributorAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaMetricsAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaOperationsAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaResilienceAutoConfiguration;
import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.chanuka.database.embedded.StopMode;
import io.github.chanuka.database.resilience.DatabaseOperation;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerMetricsAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Statement metrics, the status report, alerts, the shipped dashboards and the drain,
 * against a real primary and replica.
 */
@EmbeddedCluster(replicas = 1, faults = true)
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIntegrationTests {

	private static PostgresCluster cluster;

	@BeforeAll
	static void useCluster(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
		new JdbcTemplate(cluster.primary().dataSource())
			.execute("create table if not exists drained (id int primary key)");
		cluster.awaitReplicated(Duration.ofSeconds(10));
	}

	private ApplicationContextRunner runner() {
		PostgresNode primary = cluster.primary();
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class,
					ChanukaResilienceAutoConfiguration.class, ChanukaMetricsAutoConfiguration.class,
					ChanukaOperationsAutoConfiguration.class, ChanukaAlertsAutoConfiguration.class,
					ChanukaHealthContributorAutoConfiguration.class, ChanukaDatabaseEndpointAutoConfiguration.class,
					CircuitBreakerAutoConfiguration.class,
					CircuitBreakerMetricsAutoConfiguration.class, RetryAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
					TransactionManagerCustomizationAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
					MetricsAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class,
					DataSourcePoolMetricsAutoConfiguration.class))
			.withBean(AlertEvents.class)
			.withPropertyValues("chanuka.database.url=" + primary.jdbcUrl(),
					"chanuka.database.username=" + primary.username(),
					"chanuka.database.password=" + primary.password(),
					"chanuka.database.replicas[0].url=" + cluster.replica(1).jdbcUrl(),
					"chanuka.database.health.check-interval=200ms", "chanuka.database.health.timeout=1s",
					"chanuka.database.routing.read-your-writes=off",
					"chanuka.database.monitoring.slow-query-threshold=200ms",
					"management.endpoints.web.exposure.include=database");
	}

	@Test
	void everyStatementIsTimedPerNodeAndSlowOnesAreLoggedWithoutValues(CapturedOutput output) {
		runner().run((context) -> {
			PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			for (int i = 0; i < 10; i++) {
				jdbc.queryForObject("select 1", Integer.class);
			}
			TransactionTemplate readOnly = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			readOnly.setReadOnly(true);
			for (int i = 0; i < 6; i++) {
				readOnly.execute((status) -> jdbc.queryForObject("select 2", Integer.class));
			}
			assertThat(registry.get("chanuka.db.queries").tags("node", "primary", "outcome", "success").timer().count())
				.isEqualTo(10);
			assertThat(registry.get("chanuka.db.queries").tags("node", "replica-1", "role", "replica", "outcome", "success")
				.timer()
				.count())
				.isEqualTo(6);
			assertThat(registry.scrape()).contains(
					"chanuka_db_queries_seconds_count{node=\"replica-1\",outcome=\"success\",role=\"replica\"} 6");

			jdbc.queryForObject("select pg_sleep(?)::text || ? as slow", String.class, 0.3, "TopSecretValue-42");
			jdbc.queryForObject("select pg_sleep(0.3)::text || 'LiteralSecret-7' as slow", String.class);
			assertThat(registry.get("chanuka.db.queries.slow").tag("node", "primary").counter().count()).isEqualTo(2);
			assertThat(output).contains("Slow statement on primary (primary)")
				.contains("select pg_sleep(?)::text || ? as slow")
				.doesNotContain("TopSecretValue-42")
				.doesNotContain("LiteralSecret-7");
		});
	}

	@Test
	void statusReportShowsAStoppedReplicaWithAnAlertAndAdviceUntilItIsBack(CapturedOutput output) throws Exception {
		runner().run((context) -> {
			DatabaseEndpoint endpoint = context.getBean(DatabaseEndpoint.class);
			JsonMapper json = JsonMapper.builder().build();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> endpoint.database().nodes().stream().allMatch((node) -> "UP".equals(node.state())));
			String healthy = json.writeValueAsString(endpoint.database());
			assertThat(healthy).contains("\"environment\":\"development\"", "\"name\":\"chanuka-primary\"");
			PostgresNode replica = cluster.replica(1);
			replica.stop(StopMode.IMMEDIATE);
			try {
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					DatabaseStatus status = endpoint.database();
					assertThat(status.nodes().get(1).state()).isEqualTo("DOWN");
					assertThat(status.alerts()).anySatisfy((alert) -> {
						assertThat(alert.rule()).isEqualTo("node-down");
						assertThat(alert.node()).isEqualTo("replica-1");
					});
					assertThat(status.recommendations()).anyMatch((advice) -> advice.startsWith("replica-1 is down"));
				});
				String degraded = json.writeValueAsString(endpoint.database());
				assertThat(degraded).contains("\"state\":\"DOWN\"", "node-down")
					.doesNotContain(cluster.primary().password());
			}
			finally {
				replica.start();
			}
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				DatabaseStatus status = endpoint.database();
				assertThat(status.nodes()).allMatch((node) -> "UP".equals(node.state()));
				assertThat(status.alerts()).isEmpty();
				assertThat(status.recommendations()).noneMatch((advice) -> advice.contains("is down"));
			});
			assertThat(context.getBean(AlertEvents.class).states("node-down")).containsExactly(
					DatabaseAlertEvent.State.FIRING, DatabaseAlertEvent.State.RESOLVED);
			assertThat(context.getBean(PrometheusMeterRegistry.class).scrape())
				.contains("chanuka_db_alerts_total{rule=\"node-down\",severity=\"high\"} 1");
		});
		assertThat(output).doesNotContain(cluster.primary().password());
	}

	@Test
	void aSustainedConditionFiresOncePerCooldownAndResolvesWhenItClears() {
		Toggle toggle = new Toggle();
		runner().withBean(AlertRule.class, () -> toggle).run((context) -> {
			AlertEvents events = context.getBean(AlertEvents.class);
			toggle.breached = true;
			await().atMost(Duration.ofSeconds(10)).until(() -> events.firings("toggle").size() >= 3);
			toggle.breached = false;
			await().atMost(Duration.ofSeconds(5)).until(() -> events.states("toggle").contains(DatabaseAlertEvent.State.RESOLVED));
			List<Instant> firings = events.firings("toggle");
			for (int i = 1; i < firings.size(); i++) {
				assertThat(Duration.between(firings.get(i - 1), firings.get(i)))
					.as("quiet for the cooldown between firings")
					.isGreaterThanOrEqualTo(Duration.ofMillis(950));
			}
			assertThat(toggle.evaluations.get()).as("evaluated every probe round, more often than it fired")
				.isGreaterThan(firings.size() * 3);
		});
	}

	@Test
	void shutdownWaitsForAnInFlightTransactionToCommit(CapturedOutput output) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			runner().withBean(SlowWriter.class).withPropertyValues("chanuka.database.shutdown.drain-timeout=10s")
				.run((context) -> {
					SlowWriter writer = context.getBean(SlowWriter.class);
					CountDownLatch holding = new CountDownLatch(1);
					CountDownLatch release = new CountDownLatch(1);
					Future<?> write = threads.submit(() -> writer.insert(1, holding, release));
					assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
					threads.submit(() -> {
						await().pollDelay(Duration.ofMillis(500)).until(() -> true);
						release.countDown();
					});
					context.close();
					write.get(10, TimeUnit.SECONDS);
				});
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(new JdbcTemplate(cluster.primary().dataSource())
			.queryForObject("select count(*) from drained where id = 1", Integer.class)).isOne();
		assertThat(output).contains("1 borrowed connection(s) drained, 0 abandoned");
	}

	@Test
	void shutdownGivesUpOnAStuckTransactionAfterTheDrainTimeout(CapturedOutput output) throws Exception {
		ExecutorService threads = Executors.newSingleThreadExecutor();
		CountDownLatch release = new CountDownLatch(1);
		try {
			runner().withBean(SlowWriter.class).withPropertyValues("chanuka.database.shutdown.drain-timeout=1s")
				.run((context) -> {
					CountDownLatch holding = new CountDownLatch(1);
					threads.submit(() -> context.getBean(SlowWriter.class).insert(2, holding, release));
					assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
					long start = System.nanoTime();
					context.close();
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
				});
		}
		finally {
			release.countDown();
			threads.shutdownNow();
		}
		assertThat(output).contains("0 borrowed connection(s) drained, 1 abandoned after the 1000 ms drain timeout");
	}

	@Test
	void shippedDashboardAndAlertRulesUseOnlyMetricsTheApplicationExports() throws IOException {
		Set<String> referenced = new TreeSet<>();
		Pattern name = Pattern.compile("\\b((?:chanuka_db|hikaricp|resilience4j)_[a-z_]+)");
		for (Path file : List.of(Path.of("../docs/grafana/chanuka-database.json"),
				Path.of("../docs/prometheus/chanuka-database-rules.yml"))) {
			Matcher matcher = name.matcher(Files.readString(file));
			while (matcher.find()) {
				referenced.add(matcher.group(1));
			}
		}
		assertThat(referenced).contains("chanuka_db_queries_seconds_count", "hikaricp_connections_active",
				"resilience4j_circuitbreaker_state");
		runner().withBean(Flaky.class)
			.withBean(AlertRule.class, () -> new Toggle(true))
			.run((context) -> {
				context.getBean(JdbcTemplate.class).queryForObject("select 1", Integer.class);
				context.getBean(Flaky.class).once();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> !context.getBean(AlertEvents.class).firings("toggle").isEmpty());
				String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
				Set<String> exported = new TreeSet<>();
				Matcher series = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)").matcher(scrape);
				while (series.find()) {
					exported.add(series.group(1));
				}
				assertThat(exported).containsAll(referenced);
			});
	}

	public static class SlowWriter {

		private final JdbcTemplate jdbc;

		public SlowWriter(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Transactional
		public void insert(int id, CountDownLatch holding, CountDownLatch release) {
			this.jdbc.update("insert into drained values (?)", id);
			holding.countDown();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	public static class Flaky {

		private final AtomicInteger calls = new AtomicInteger();

		@DatabaseOperation("flaky-once")
		public void once() {
			if (this.calls.incrementAndGet() == 1) {
				throw new TransientDataAccessResourceException("serialization",
						new SQLException("could not serialize access", "40001"));
			}
		}

	}

	static class Toggle implements AlertRule {

		volatile boolean breached;

		final AtomicInteger evaluations = new AtomicInteger();

		Toggle() {
		}

		Toggle(boolean breached) {
			this.breached = breached;
		}

		@Override
		public String name() {
			return "toggle";
		}

		@Override
		public AlertSeverity severity() {
			return AlertSeverity.LOW;
		}

		@Override
		public Duration cooldown() {
			return Duration.ofSeconds(1);
		}

		@Override
		public List<Breach> evaluate(DatabaseSnapshot snapshot) {
			this.evaluations.incrementAndGet();
			return this.breached ? List.of(new Breach(null, 1, 0)) : List.of();
		}

	}

	static class AlertEvents implements ApplicationListener<DatabaseAlertEvent> {

		private final List<DatabaseAlertEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(DatabaseAlertEvent event) {
			this.events.add(event);
		}

		List<DatabaseAlertEvent.State> states(String rule) {
			return this.events.stream().filter((event) -> event.getAlert().rule().equals(rule))
				.map(DatabaseAlertEvent::getState)
				.toList();
		}

		List<Instant> firings(String rule) {
			return this.events.stream()
				.filter((event) -> event.getAlert().rule().equals(rule)
						&& event.getState() == DatabaseAlertEvent.State.FIRING)
				.map((event) -> Instant.ofEpochMilli(event.getTimestamp()))
				.toList();
		}

	}

}
