package io.github.chanuka.database.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.pool.PrimaryUnreachableException;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The primary pool against a real PostgreSQL server with TLS enabled.
 */
@EmbeddedCluster(replicas = 0, ssl = true)
@ExtendWith(OutputCaptureExtension.class)
class PrimaryPoolIntegrationTests {

	private static final String SSL_IN_USE = "select ssl from pg_stat_ssl where pid = pg_backend_pid()";

	/**
	 * Staging and production keep trying the primary for 30 s by default before refusing to
	 * start; the refusal and its report are the same after 1 s of attempts
	 * (StartupConnectTimeoutTests times the retries).
	 */
	private static final String SHORT_CONNECT_TIMEOUT = "chanuka.database.startup.connect-timeout=1s";

	private static PostgresCluster cluster;

	private static PostgresNode primary;

	@BeforeAll
	static void useCluster(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
		primary = sharedCluster.primary();
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class))
			.withPropertyValues("chanuka.database.url=" + primary.jdbcUrl(),
					"chanuka.database.username=" + primary.username(),
					"chanuka.database.password=" + primary.password());
	}

	@Test
	void developmentPoolConnectsOnFirstUseWithoutTls() {
		runner().run((context) -> {
			HikariDataSource pool = primaryPool(context);
			assertThat(pool.isRunning()).isFalse();
			assertThat(new JdbcTemplate(pool).queryForObject("select current_user", String.class))
				.isEqualTo(primary.username());
			assertThat(new JdbcTemplate(pool).queryForObject(SSL_IN_USE, Boolean.class)).isFalse();
			assertThat(pool.isRunning()).isTrue();
		});
	}

	@Test
	void stagingPoolStartsWithTheApplicationAndKeepsItsMinimumIdle() {
		runner().withPropertyValues("spring.profiles.active=staging").run((context) -> {
			HikariDataSource pool = primaryPool(context);
			assertThat(pool.isRunning()).as("fail-fast pool started with the context").isTrue();
			assertThat(pool.getMaximumPoolSize()).isEqualTo(15);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(pool.getHikariPoolMXBean().getIdleConnections()).isEqualTo(3));
		});
	}

	@Test
	void productionRequiresTlsAndGetsIt() {
		assumeThat(cluster.rootCertificate()).as("server with TLS").isNotNull();
		runner().withPropertyValues("spring.profiles.active=prod").run((context) -> {
			HikariDataSource pool = primaryPool(context);
			assertThat(pool.getDataSourceProperties()).containsEntry("sslmode", "require");
			assertThat(new JdbcTemplate(pool).queryForObject(SSL_IN_USE, Boolean.class)).isTrue();
		});
	}

	@Test
	void verifyFullChecksTheServerCertificateAgainstTheRootCertificate() {
		assumeThat(cluster.rootCertificate()).as("server with TLS").isNotNull();
		runner()
			.withPropertyValues("chanuka.database.environment=production", "chanuka.database.ssl.mode=verify-full",
					"chanuka.database.ssl.root-cert=" + cluster.rootCertificate())
			.run((context) -> assertThat(
					new JdbcTemplate(context.getBean(DataSource.class)).queryForObject(SSL_IN_USE, Boolean.class))
				.isTrue());
	}

	@Test
	void verifyFullWithAnUnusableRootCertificateRefusesTheServer() {
		assumeThat(cluster.rootCertificate()).as("server with TLS").isNotNull();
		runner()
			.withPropertyValues("chanuka.database.environment=production", "chanuka.database.ssl.mode=verify-full",
					"chanuka.database.ssl.root-cert=src/test/resources/test-root.crt", SHORT_CONNECT_TIMEOUT)
			.run((context) -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining(PrimaryUnreachableException.class.getName()));
	}

	@Test
	void stagingRefusesToStartWhenThePrimaryIsUnreachable(CapturedOutput output) throws IOException {
		String url = "jdbc:postgresql://localhost:" + unusedPort() + "/nowhere";
		runner().withPropertyValues("spring.profiles.active=staging", "chanuka.database.url=" + url, SHORT_CONNECT_TIMEOUT)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new PrimaryUnreachableFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'primary'", url, "unreachable");
				assertThat(analysis.getAction()).contains("chanuka.database.url");
			});
		assertThat(output).doesNotContain(primary.password());
	}

	@Test
	void productionRefusesToStartWithAWrongPasswordWithoutShowingIt(CapturedOutput output) {
		assumeThat(cluster.rootCertificate()).as("server with TLS").isNotNull();
		runner()
			.withPropertyValues("spring.profiles.active=production", "chanuka.database.password=WrongPassw0rd",
					SHORT_CONNECT_TIMEOUT)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new PrimaryUnreachableFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("password authentication failed")
					.doesNotContain("WrongPassw0rd");
				assertThat(context.getStartupFailure()).hasStackTraceContaining("password authentication failed");
				assertThat(allMessages(context.getStartupFailure())).doesNotContain("WrongPassw0rd");
			});
		assertThat(output).doesNotContain("WrongPassw0rd");
	}

	@Test
	void developmentStartsWithoutADatabaseAndFailsOnUse() throws IOException {
		String url = "jdbc:postgresql://localhost:" + unusedPort() + "/nowhere";
		runner().withPropertyValues("chanuka.database.url=" + url, "chanuka.database.pool.connection-timeout=1s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThatExceptionOfType(TransientDataAccessResourceException.class)
					.isThrownBy(() -> new JdbcTemplate(context.getBean(DataSource.class)).execute("select 1"))
					.withCauseInstanceOf(SQLTransientConnectionException.class)
					.withMessageContaining("chanuka-primary - Connection is not available");
			});
	}

	@Test
	void databaseUrlFallbackConnects() {
		String databaseUrl = "postgres://" + primary.username() + ":" + primary.password() + "@" + primary.host()
				+ ":" + primary.port() + "/" + primary.database() + "?sslmode=disable";
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class))
			.withPropertyValues("DATABASE_URL=" + databaseUrl)
			.run((context) -> assertThat(new JdbcTemplate(context.getBean(DataSource.class))
				.queryForObject("select current_database()", String.class)).isEqualTo(primary.database()));
	}

	@Test
	void dbVariablesFallbackConnects() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class))
			.withPropertyValues("DB_HOST=" + primary.host(), "DB_PORT=" + primary.port(),
					"DB_NAME=" + primary.database(), "DB_USER=" + primary.username(),
					"DB_PASSWORD=" + primary.password())
			.run((context) -> assertThat(new JdbcTemplate(context.getBean(DataSource.class))
				.queryForObject("select current_user", String.class)).isEqualTo(primary.username()));
	}

	@Test
	void springDatasourceFallbackConnects() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + primary.jdbcUrl(),
					"spring.datasource.username=" + primary.username(),
					"spring.datasource.password=" + primary.password())
			.run((context) -> {
				assertThat(primaryPool(context).getPoolName()).isEqualTo("chanuka-primary");
				assertThat(new JdbcTemplate(context.getBean(DataSource.class)).queryForObject("select 1",
						Integer.class))
					.isOne();
			});
	}

	@Test
	void springBootDbHealthAndHikariMetricsWorkOnThePrimaryPool() {
		runner()
			.withConfiguration(AutoConfigurations.of(DataSourceHealthContributorAutoConfiguration.class,
					DataSourcePoolMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				HealthIndicator db = context.getBean("dbHealthContributor", HealthIndicator.class);
				assertThat(db.health().getStatus()).isEqualTo(Status.UP);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("hikaricp.connections.max").tag("pool", "chanuka-primary").gauge().value())
					.isEqualTo(10);
			});
	}

	@Test
	void liquibaseMigratesThePrimary() {
		runner().withConfiguration(AutoConfigurations.of(LiquibaseAutoConfiguration.class))
			.withPropertyValues("spring.liquibase.change-log=classpath:db/test-changelog.yaml")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(new JdbcTemplate(primary.dataSource())
					.queryForObject("select to_regclass('migration_probe') is not null", Boolean.class)).isTrue();
			});
	}

	private static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String allMessages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause).append('\n');
		}
		return messages.toString();
	}

	private static HikariDataSource primaryPool(org.springframework.context.ApplicationContext context) {
		return context.getBean(DatabaseTopology.class).primary().dataSource();
	}

}
