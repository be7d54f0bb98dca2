package io.github.chanuka.database.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.chanuka.database.autoconfigure.ChanukaDataSourceAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaMetricsAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaResilienceAutoConfiguration;
import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.chanuka.database.embedded.StopMode;
import io.github.chanuka.database.metrics.OperationMetrics;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Retries and circuit breakers against real failures of a real PostgreSQL server.
 */
@EmbeddedCluster(replicas = 0, faults = true)
class ResilienceIntegrationTests {

	private static PostgresCluster cluster;

	@BeforeAll
	static void createTables(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
		JdbcTemplate jdbc = new JdbcTemplate(cluster.primary().dataSource());
		jdbc.execute("create table accounts (id int primary key, balance int not null)");
		jdbc.execute("create table write_safety (id bigserial primary key, business_key text not null)");
		jdbc.execute("create table members (id int primary key)");
	}

	private ApplicationContextRunner runner() {
		PostgresNode primary = cluster.primary();
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class,
					ChanukaResilienceAutoConfiguration.class, ChanukaMetricsAutoConfiguration.class,
					CircuitBreakerAutoConfiguration.class,
					RetryAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
					TransactionAutoConfiguration.class, TransactionManagerCustomizationAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class))
			.withBean(Operations.class)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("chanuka.database.url=" + primary.jdbcUrl(),
					"chanuka.database.username=" + primary.username(),
					"chanuka.database.password=" + primary.password(), "chanuka.database.health.check-interval=500ms",
					"chanuka.database.pool.connection-timeout=1s", "chanuka.database.pool.validation-timeout=500ms",
					"chanuka.database.pool.socket-timeout=2s",
					"chanuka.database.resilience.retry.max-attempts=6",
					"chanuka.database.resilience.retry.initial-interval=10ms",
					"chanuka.database.resilience.retry.max-interval=200ms");
	}

	private static MeterRegistry metrics(ApplicationContext context) {
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		context.getBean(OperationMetrics.class).bindTo(registry);
		return registry;
	}

	@Test
	void concurrentSerializableTransactionsOnTheSameRowsBothCommitAfterRetries() throws Exception {
		runner().run((context) -> {
			MeterRegistry registry = metrics(context);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.update("delete from accounts");
			jdbc.update("insert into accounts values (1, 100), (2, 100)");
			Operations operations = context.getBean(Operations.class);
			CountDownLatch bothRead = new CountDownLatch(2);
			runConcurrently(() -> operations.addInterest(1, bothRead), () -> operations.addInterest(2, bothRead));
			assertThat(jdbc.queryForList("select balance from accounts order by id", Integer.class))
				.as("both committed, one after seeing the other's write")
				.containsAnyOf(120, 122)
				.hasSize(2)
				.doesNotContain(100);
			assertThat(registry.get("chanuka.db.retries").tag("operation", "add-interest").counter().count())
				.isGreaterThanOrEqualTo(1);
		});
	}

	@Test
	void deadlockedTransactionsBothCommitAfterRetries() throws Exception {
		runner().run((context) -> {
			MeterRegistry registry = metrics(context);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.update("delete from accounts");
			jdbc.update("insert into accounts values (1, 0), (2, 0)");
			Operations operations = context.getBean(Operations.class);
			CountDownLatch bothLocked = new CountDownLatch(2);
			runConcurrently(() -> operations.transfer(1, 2, bothLocked), () -> operations.transfer(2, 1, bothLocked));
			assertThat(jdbc.queryForList("select balance from accounts order by id", Integer.class))
				.containsExactly(0, 0);
			assertThat(jdbc.queryForObject("select count(*) from accounts", Integer.class)).isEqualTo(2);
			assertThat(registry.get("chanuka.db.retries").tag("operation", "transfer").counter().count())
				.isGreaterThanOrEqualTo(1);
			assertThat(registry.get("chanuka.db.operations").tags("operation", "transfer", "outcome", "success")
				.timer()
				.count()).isEqualTo(2);
		});
	}

	@Test
	void constraintViolationIsAttemptedExactlyOnce() {
		runner().run((context) -> {
			MeterRegistry registry = metrics(context);
			Operations operations = context.getBean(Operations.class);
			operations.join(7);
			int before = operations.joinAttempts();
			assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> operations.join(7));
			assertThat(operations.joinAttempts() - before).isOne();
			assertThat(registry.find("chanuka.db.retries").tag("operation", "join").counter()).isNull();
			assertThat(registry.get("chanuka.db.operations").tags("operation", "join", "outcome", "failure")
				.timer()
				.count()).isOne();
		});
	}

	@Test
	void primaryStoppedFailsFastOnceTheBreakerOpensAndRecoversWhenItIsBack() {
		runner()
			.withPropertyValues("chanuka.database.resilience.circuit-breaker.minimum-number-of-calls=3",
					"chanuka.database.resilience.circuit-breaker.sliding-window-size=3",
					"chanuka.database.resilience.circuit-breaker.wait-duration-in-open-state=2s")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				jdbc.update("insert into members values (100) on conflict do nothing");
				PostgresNode primary = cluster.primary();
				primary.stop(StopMode.FAST);
				try {
					for (int i = 0; i < 3; i++) {
						long start = System.nanoTime();
						assertThatExceptionOfType(RuntimeException.class)
							.isThrownBy(() -> jdbc.update("insert into members values (101) on conflict do nothing"));
						assertThat(Duration.ofNanos(System.nanoTime() - start))
							.as("failure within the pool's connection timeout")
							.isLessThan(Duration.ofSeconds(5));
					}
					long start = System.nanoTime();
					assertThatExceptionOfType(DatabaseUnavailableException.class)
						.isThrownBy(() -> jdbc.update("insert into members values (102) on conflict do nothing"))
						.withMessageContaining("'primary'")
						.withMessageContaining("tried again after");
					assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fail-fast with the breaker open")
						.isLessThan(Duration.ofSeconds(1));
				}
				finally {
					primary.start();
				}
				await().atMost(Duration.ofSeconds(30))
					.ignoreExceptions()
					.until(() -> jdbc.update("insert into members values (103) on conflict do nothing") >= 0);
				assertNoConnectionInUse(context);
			});
	}

	@Test
	void monitorOpensTheBreakerOfAnUnreachablePrimaryAndHalfOpensItWhenItIsBack() {
		runner().withPropertyValues("chanuka.database.resilience.circuit-breaker.wait-duration-in-open-state=5m")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				jdbc.update("insert into members values (300) on conflict do nothing");
				CircuitBreakerConnectionGuard guard = context.getBean(CircuitBreakerConnectionGuard.class);
				DatabaseNode node = context.getBean(DatabaseTopology.class).primary();
				PostgresNode primary = cluster.primary();
				primary.stop(StopMode.FAST);
				try {
					await().atMost(Duration.ofSeconds(10)).until(() -> "OPEN".equals(guard.state(node)));
					long start = System.nanoTime();
					assertThatExceptionOfType(DatabaseUnavailableException.class)
						.as("the first call after the probe saw the primary down")
						.isThrownBy(() -> jdbc.update("insert into members values (301) on conflict do nothing"));
					assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fail-fast without waiting for the pool")
						.isLessThan(Duration.ofMillis(500));
				}
				finally {
					primary.start();
				}
				// the breaker waits five minutes in the open state on its own: only the monitor can let calls in
				await().atMost(Duration.ofSeconds(20))
					.ignoreExceptions()
					.until(() -> jdbc.update("insert into members values (302) on conflict do nothing") >= 0);
				await().atMost(Duration.ofSeconds(10))
					.ignoreExceptions()
					.until(() -> jdbc.update("insert into members values (303) on conflict do nothing") >= 0
							&& "CLOSED".equals(guard.state(node)));
				assertNoConnectionInUse(context);
			});
	}

	@Test
	void pausedPrimaryDoesNotHoldCallersBeyondTheTimeouts() {
		runner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.update("insert into members values (200) on conflict do nothing");
			PostgresNode primary = cluster.primary();
			primary.pause();
			try {
				for (int i = 0; i < 3; i++) {
					long start = System.nanoTime();
					assertThatExceptionOfType(RuntimeException.class)
						.isThrownBy(() -> jdbc.queryForObject("select count(*) from members", Integer.class));
					assertThat(Duration.ofNanos(System.nanoTime() - start))
						.as("bounded by connection-timeout 1s and socket-timeout 2s")
						.isLessThan(Duration.ofSeconds(8));
				}
			}
			finally {
				primary.resume();
			}
			await().atMost(Duration.ofSeconds(30))
				.ignoreExceptions()
				.until(() -> jdbc.queryForObject("select count(*) from members", Integer.class) > 0);
			assertNoConnectionInUse(context);
		});
	}

	private static void assertNoConnectionInUse(ApplicationContext context) {
		for (DatabaseNode node : context.getBean(DatabaseTopology.class).nodes()) {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(node.activeConnections()).as("connections in use on " + node.name())
					.isZero());
		}
	}

	private static void runConcurrently(Runnable first, Runnable second) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<?> a = threads.submit(first);
			Future<?> b = threads.submit(second);
			a.get(60, TimeUnit.SECONDS);
			b.get(60, TimeUnit.SECONDS);
		}
		finally {
			threads.shutdownNow();
		}
	}

	public static class Operations {

		private final JdbcTemplate jdbc;

		private final AtomicInteger joinAttempts = new AtomicInteger();

		public Operations(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@DatabaseOperation("add-interest")
		@Transactional(isolation = Isolation.SERIALIZABLE)
		public void addInterest(int id, CountDownLatch bothRead) {
			Integer total = this.jdbc.queryForObject("select sum(balance) from accounts", Integer.class);
			bothRead.countDown();
			awaitQuietly(bothRead);
			this.jdbc.update("update accounts set balance = balance + ? where id = ?", total / 10, id);
		}

		@DatabaseOperation("transfer")
		@Transactional
		public void transfer(int from, int to, CountDownLatch bothLocked) {
			this.jdbc.update("update accounts set balance = balance - 1 where id = ?", from);
			bothLocked.countDown();
			awaitQuietly(bothLocked);
			this.jdbc.update("update accounts set balance = balance + 1 where id = ?", to);
		}

		@DatabaseOperation("join")
		@Transactional
		public void join(int id) {
			this.joinAttempts.incrementAndGet();
			this.jdbc.update("insert into members values (?)", id);
		}

		public int joinAttempts() {
			return this.joinAttempts.get();
		}

		@DatabaseOperation("insert-bill")
		@Transactional
		public void insert(String businessKey) {
			this.jdbc.update("insert into write_safety (business_key) values (?)", businessKey);
		}

		private static void awaitQuietly(CountDownLatch latch) {
			try {
				latch.await(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
