package io.github.chanuka.database.alert;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import io.github.chanuka.database.autoconfigure.ChanukaAlertsAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaDataSourceAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaOperationsAutoConfiguration;
import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.chanuka.database.node.DatabaseTopology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The built-in pool-utilization rule on a real two-connection pool: a pool that is full
 * with nobody waiting is not saturated; a thread waiting for a connection is.
 */
@EmbeddedCluster(replicas = 0)
class PoolSaturationIntegrationTests {

	private static PostgresCluster cluster;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<Connection> held = new ArrayList<>();

	@BeforeAll
	static void useCluster(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
	}

	@AfterEach
	void release() throws Exception {
		releaseHeld();
		this.threads.shutdownNow();
	}

	private ApplicationContextRunner runner() {
		PostgresNode primary = cluster.primary();
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class,
					ChanukaOperationsAutoConfiguration.class, ChanukaAlertsAutoConfiguration.class))
			.withBean(AlertEvents.class)
			.withBean(Rounds.class)
			.withPropertyValues("chanuka.database.url=" + primary.jdbcUrl(),
					"chanuka.database.username=" + primary.username(),
					"chanuka.database.password=" + primary.password(),
					"chanuka.database.health.check-interval=200ms", "chanuka.database.health.timeout=1s",
					"chanuka.database.pool.maximum-size=2", "chanuka.database.pool.minimum-idle=2",
					"chanuka.database.pool.connection-timeout=30s");
	}

	@Test
	void aFullPoolWithNobodyWaitingDoesNotFire() {
		runner().run((context) -> {
			HikariDataSource pool = context.getBean(DatabaseTopology.class).primary().dataSource();
			hold(pool, 2);
			Rounds rounds = context.getBean(Rounds.class);
			int start = rounds.count.get();
			await().atMost(Duration.ofSeconds(20)).until(() -> rounds.count.get() >= start + 10);
			assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isEqualTo(2);
			assertThat(context.getBean(AlertEvents.class).states("pool-utilization"))
				.as("100%% utilisation for %d evaluations, under the 5 min window", rounds.count.get() - start)
				.isEmpty();
			releaseHeld();
		});
	}

	@Test
	void aThreadWaitingForAConnectionFiresAndResolvesOnceItGetsOne() {
		runner().run((context) -> {
			HikariDataSource pool = context.getBean(DatabaseTopology.class).primary().dataSource();
			List<Future<?>> waiting = new ArrayList<>();
			DatabaseAlertEvent.Alert alert = context.getBean(AlertEvents.class)
				.firesThenResolves("pool-utilization", Duration.ofSeconds(20), () -> {
					hold(pool, 2);
					waiting.add(this.threads.submit(() -> {
						try (Connection connection = pool.getConnection()) {
							return connection.isValid(1);
						}
					}));
					await().atMost(Duration.ofSeconds(10))
						.until(() -> pool.getHikariPoolMXBean().getThreadsAwaitingConnection() == 1);
				}, this::releaseHeld);
			assertThat(waiting.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(true);
			assertThat(alert.node()).isEqualTo("primary");
			assertThat(alert.value()).isEqualTo(100.0);
			assertThat(alert.threshold()).isEqualTo(90.0);
		});
	}

	private void hold(HikariDataSource pool, int connections) throws Exception {
		// the session inspector leaves a full pool alone; one still filling up it would wait on
		pool.getConnection().close();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> pool.getHikariPoolMXBean().getIdleConnections() == pool.getMaximumPoolSize());
		for (int i = 0; i < connections; i++) {
			this.held.add(pool.getConnection());
		}
	}

	private void releaseHeld() throws Exception {
		for (Connection connection : this.held) {
			connection.close();
		}
		this.held.clear();
	}

	static class Rounds implements AlertRule {

		final AtomicInteger count = new AtomicInteger();

		@Override
		public String name() {
			return "rounds";
		}

		@Override
		public AlertSeverity severity() {
			return AlertSeverity.LOW;
		}

		@Override
		public Duration cooldown() {
			return Duration.ofMinutes(5);
		}

		@Override
		public List<Breach> evaluate(DatabaseSnapshot snapshot) {
			this.count.incrementAndGet();
			return List.of();
		}

	}

}
