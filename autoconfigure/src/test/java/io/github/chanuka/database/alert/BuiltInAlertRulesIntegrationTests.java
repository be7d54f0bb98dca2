package io.github.chanuka.database.alert;

import java.time.Duration;

import io.github.chanuka.database.autoconfigure.ChanukaAlertsAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaDataSourceAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaMetricsAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaOperationsAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaResilienceAutoConfiguration;
import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.chanuka.database.embedded.StopMode;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Each built-in alert rule, and a rule configured in {@code application.yml}, fires on a
 * real condition of a real primary and replica and resolves when the condition clears.
 * The session rules, node-down and backup-failed are proven where their conditions are
 * made ({@code SessionsCommandIntegrationTests}, {@code ObservabilityIntegrationTests},
 * {@code BackupSafetyIntegrationTests}); pool-utilization in
 * {@code PoolSaturationIntegrationTests}.
 */
@EmbeddedCluster(replicas = 1, faults = true)
class BuiltInAlertRulesIntegrationTests {

	private static final Duration WITHIN = Duration.ofSeconds(20);

	private static PostgresCluster cluster;

	@BeforeAll
	static void useCluster(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
		new JdbcTemplate(cluster.primary().dataSource()).execute("create table if not exists ticks (at timestamptz)");
		cluster.awaitReplicated(Duration.ofSeconds(10));
	}

	private ApplicationContextRunner runner(String... properties) {
		PostgresNode primary = cluster.primary();
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class,
					ChanukaResilienceAutoConfiguration.class, ChanukaMetricsAutoConfiguration.class,
					ChanukaOperationsAutoConfiguration.class, ChanukaAlertsAutoConfiguration.class,
					CircuitBreakerAutoConfiguration.class, RetryAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class, MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class))
			.withBean(AlertEvents.class)
			.withPropertyValues("chanuka.database.url=" + primary.jdbcUrl(),
					"chanuka.database.username=" + primary.username(),
					"chanuka.database.password=" + primary.password(),
					"chanuka.database.replicas[0].url=" + cluster.replica(1).jdbcUrl(),
					"chanuka.database.health.check-interval=200ms", "chanuka.database.health.timeout=1s",
					"chanuka.database.routing.read-your-writes=off")
			.withPropertyValues(properties);
	}

	@Test
	void circuitOpenFiresWhileTheMonitorHoldsAStoppedReplicasBreakerOpenAndResolvesWhenItIsBack() {
		runner().run((context) -> {
			PostgresNode replica = cluster.replica(1);
			DatabaseAlertEvent.Alert alert = context.getBean(AlertEvents.class)
				.firesThenResolves("circuit-open", WITHIN, () -> replica.stop(StopMode.IMMEDIATE), replica::start);
			assertThat(alert.node()).isEqualTo("replica-1");
			assertThat(alert.severity()).isEqualTo(AlertSeverity.CRITICAL);
		});
	}

	@Test
	void replicationLagFiresWhileReplayIsPausedAndResolvesOnceTheReplicaCatchesUp() {
		runner("chanuka.database.routing.max-replication-lag=1s").run((context) -> {
			PostgresNode replica = cluster.replica(1);
			JdbcTemplate primary = new JdbcTemplate(cluster.primary().dataSource());
			DatabaseAlertEvent.Alert alert = context.getBean(AlertEvents.class)
				.firesThenResolves("replication-lag", WITHIN, () -> {
					replica.pauseReplay();
					primary.update("insert into ticks values (now())");
				}, replica::resumeReplay);
			assertThat(alert.node()).isEqualTo("replica-1");
			assertThat(alert.threshold()).isEqualTo(1.0);
			assertThat(alert.value()).isGreaterThan(1.0);
		});
	}

	@Test
	void latencyFiresWhenTheRecentP95IsOverTwoSecondsAndResolvesOnceSlowStatementsAgeOut() {
		runner("management.metrics.distribution.expiry[chanuka.db.queries]=4s",
				"management.metrics.distribution.buffer-length[chanuka.db.queries]=1")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				DatabaseAlertEvent.Alert alert = context.getBean(AlertEvents.class)
					.firesThenResolves("latency", WITHIN,
							() -> jdbc.queryForObject("select pg_sleep(2.2)::text", String.class), () -> {
							});
				assertThat(alert.node()).isNull();
				assertThat(alert.value()).isGreaterThan(2.0);
			});
	}

	@Test
	void errorRateFiresWhenStatementsFailAndResolvesWhenTheyStop() {
		runner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			DatabaseAlertEvent.Alert alert = context.getBean(AlertEvents.class)
				.firesThenResolves("error-rate", WITHIN, () -> {
					for (int i = 0; i < 10; i++) {
						assertThatException().isThrownBy(() -> jdbc.queryForObject("select 1 / 0", Integer.class));
					}
				}, () -> {
				});
			assertThat(alert.threshold()).isEqualTo(5.0);
			assertThat(alert.value()).isGreaterThan(5.0);
		});
	}

	@Test
	void aRuleConfiguredInApplicationYamlFiresAndResolves() {
		runner("spring.config.location=classpath:alerts/custom-rule.yml")
			.withInitializer(new ConfigDataApplicationContextInitializer())
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				DatabaseAlertEvent.Alert alert = context.getBean(AlertEvents.class)
					.firesThenResolves("any-slow-statement", WITHIN,
							() -> jdbc.queryForObject("select pg_sleep(0.3)::text", String.class), () -> {
							});
				assertThat(alert.severity()).isEqualTo(AlertSeverity.LOW);
				assertThat(alert.value()).isEqualTo(1.0);
			});
	}

}
