package io.github.chanuka.database.resilience;

import java.io.StringReader;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.chanuka.database.autoconfigure.ChanukaDataSourceAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaResilienceAutoConfiguration;
import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.chanuka.database.node.CommitLedger;
import io.github.chanuka.database.resilience.jpa.JpaWrites;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.PGConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.resilience.annotation.ConcurrencyLimit;
import org.springframework.resilience.annotation.EnableResilientMethods;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * No write is stored twice, through every entry point that reaches the retries, while
 * backends are killed: one {@link WriteSafetyChecker} run through each.
 */
@EmbeddedCluster(replicas = 0, faults = true)
@ExtendWith(OutputCaptureExtension.class)
class WriteSafetyIntegrationTests {

	private static final String INSERT = "insert into safe_writes (business_key) values (?)";

	private static PostgresCluster cluster;

	@BeforeAll
	static void createTables(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
		JdbcTemplate jdbc = new JdbcTemplate(cluster.primary().dataSource());
		jdbc.execute("create table safe_writes (id bigserial primary key, business_key text not null)");
		jdbc.execute("create table jpa_write_safety (id bigserial primary key, business_key text not null)");
		jdbc.execute("create table audit_rows (id bigserial primary key, business_key text not null)");
		jdbc.execute("create table unique_keys (business_key text primary key)");
		jdbc.execute("create function create_order(key text) returns bigint language sql "
				+ "as $$ insert into safe_writes (business_key) values (key) returning id $$");
	}

	private ApplicationContextRunner runner() {
		PostgresNode primary = cluster.primary();
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class,
					ChanukaResilienceAutoConfiguration.class, CircuitBreakerAutoConfiguration.class,
					RetryAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
					TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class))
			.withBean(Writes.class)
			.withBean(Auditor.class)
			.withBean(Reports.class)
			.withPropertyValues("chanuka.database.url=" + primary.jdbcUrl(),
					"chanuka.database.username=" + primary.username(),
					"chanuka.database.password=" + primary.password(),
					// the breaker would rightly open under this kill storm: this is about retries
					"chanuka.database.resilience.circuit-breaker.enabled=false",
					"chanuka.database.health.check-interval=500ms", "chanuka.database.pool.connection-timeout=2s",
					"chanuka.database.pool.socket-timeout=5s", "chanuka.database.resilience.retry.max-attempts=6",
					"chanuka.database.resilience.retry.initial-interval=5ms",
					"chanuka.database.resilience.retry.max-interval=100ms");
	}

	@Test
	void operationWithATransactionStoresEveryWriteOnce() {
		runner().run((context) -> {
			Writes writes = context.getBean(Writes.class);
			WriteSafetyChecker.check("transactional", cluster.primary(), "safe_writes",
					writes::inTransaction);
		});
	}

	@Test
	void operationInAutocommitStoresEveryWriteOnce() {
		runner().run((context) -> {
			Writes writes = context.getBean(Writes.class);
			WriteSafetyChecker.check("autocommit", cluster.primary(), "safe_writes", writes::autocommit);
		});
	}

	@Test
	void programmaticOperationsStoreEveryWriteOnce() {
		runner().run((context) -> {
			DatabaseOperations operations = context.getBean(DatabaseOperations.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			WriteSafetyChecker.check("execute", cluster.primary(), "safe_writes",
					(key) -> operations.execute("execute-insert", () -> jdbc.update(INSERT, key)));
			WriteSafetyChecker.check("in-transaction", cluster.primary(), "safe_writes",
					(key) -> operations.inTransaction("transaction-insert", (status) -> jdbc.update(INSERT, key)));
		});
	}

	@Test
	void jpaSaveUnderTheJpaTransactionManagerStoresEveryWriteOnce() {
		runner()
			.withConfiguration(AutoConfigurations.of(HibernateJpaAutoConfiguration.class,
					DataJpaRepositoriesAutoConfiguration.class))
			.withUserConfiguration(JpaWrites.JpaPackage.class)
			.withBean(JpaWrites.class)
			.run((context) -> {
				assertThat(context.getBean(PlatformTransactionManager.class)).isInstanceOf(JpaTransactionManager.class);
				JpaWrites writes = context.getBean(JpaWrites.class);
				WriteSafetyChecker.check("jpa", cluster.primary(), "jpa_write_safety", writes::save);
			});
	}

	@Test
	void aRetryInstanceTunedToRetryEverythingStillStoresEveryWriteOnce(CapturedOutput output) {
		runner().withPropertyValues(tunedToRetryEverything("chanuka-database-autocommit-insert")).run((context) -> {
			Writes writes = context.getBean(Writes.class);
			WriteSafetyChecker.check("tuned", cluster.primary(), "safe_writes", writes::autocommit);
			assertThat(output).containsOnlyOnce(
					"Retry chanuka-database-autocommit-insert is configured to retry a failure the starter never retries");
		});
	}

	@Test
	void aConstraintViolationIsAttemptedOnceEvenWithARetryEverythingInstance() {
		runner().withPropertyValues(tunedToRetryEverything("chanuka-database-unique-insert")).run((context) -> {
			Writes writes = context.getBean(Writes.class);
			writes.unique("taken");
			int before = writes.uniqueAttempts();
			assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> writes.unique("taken"));
			assertThat(writes.uniqueAttempts() - before).isOne();
		});
	}

	@Test
	void aCallbackIsNotRepeatedWhenATransactionFailsAfterAnEarlierOneCommitted() {
		runner().run((context) -> {
			DatabaseOperations operations = context.getBean(DatabaseOperations.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			AtomicInteger attempts = new AtomicInteger();
			assertThatExceptionOfType(ConcurrencyFailureException.class)
				.isThrownBy(() -> operations.execute("two-transactions", () -> {
					attempts.incrementAndGet();
					transaction.executeWithoutResult((status) -> jdbc.update(INSERT, "two-transactions-first"));
					transaction.executeWithoutResult((status) -> jdbc
						.execute("do $$ begin raise exception 'conflict' using errcode = '40001'; end $$"));
					return null;
				}))
				.satisfies((ex) -> assertThat(CommitLedger.committedBefore(ex)).isTrue())
				.satisfies((ex) -> assertThat(ex.getSuppressed()[0])
					.hasMessageContaining("1 transaction(s) committed earlier in this attempt and stand"));
			assertThat(attempts).hasValue(1);
			assertThat(stored(jdbc, "safe_writes", "two-transactions-first")).isOne();
		});
	}

	@Test
	void aWritingFunctionCalledBySelectInAutocommitStoresEveryWriteOnce() {
		runner().run((context) -> {
			Writes writes = context.getBean(Writes.class);
			WriteSafetyChecker.check("function", cluster.primary(), "safe_writes", writes::throughFunction);
		});
	}

	@Test
	void anAutocommitQueryInterruptedOnThePrimaryIsAnUnknownOutcomeButOnAReadOnlyConnectionIsRetried() {
		runner().run((context) -> {
			DatabaseOperations operations = context.getBean(DatabaseOperations.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			AtomicInteger autocommitAttempts = new AtomicInteger();
			assertThatExceptionOfType(CommitOutcomeUnknownException.class)
				.isThrownBy(() -> operations.execute("interrupted-select", () -> {
					autocommitAttempts.incrementAndGet();
					return jdbc.queryForObject("select pg_terminate_backend(pg_backend_pid())", Boolean.class);
				}));
			assertThat(autocommitAttempts).as("a SELECT may call a function that writes").hasValue(1);
			AtomicInteger readOnlyAttempts = new AtomicInteger();
			String read = operations.readOnly("interrupted-read-only-select", (status) -> {
				if (readOnlyAttempts.incrementAndGet() == 1) {
					jdbc.queryForObject("select pg_terminate_backend(pg_backend_pid())", Boolean.class);
				}
				return "read";
			});
			assertThat(read).isEqualTo("read");
			assertThat(readOnlyAttempts).hasValue(2);
		});
	}

	@Test
	void writesThroughTheDriversOwnApisAreNotRepeatedWhenALaterTransactionFails() {
		runner().run((context) -> {
			DatabaseOperations operations = context.getBean(DatabaseOperations.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			Map<String, Runnable> driverWrites = new LinkedHashMap<>();
			driverWrites.put("copy-in-transaction",
					() -> transaction.executeWithoutResult((status) -> copy(jdbc, "copy-in-transaction")));
			driverWrites.put("copy-in-autocommit", () -> copy(jdbc, "copy-in-autocommit"));
			driverWrites.put("updatable-result-set", () -> updateThroughResultSet(jdbc, "updatable-result-set"));
			jdbc.update(INSERT, "updatable-result-set-seed");
			driverWrites.forEach((key, write) -> {
				AtomicInteger attempts = new AtomicInteger();
				assertThatExceptionOfType(ConcurrencyFailureException.class)
					.isThrownBy(() -> operations.execute(key, () -> {
						attempts.incrementAndGet();
						write.run();
						transaction.executeWithoutResult((status) -> jdbc
							.execute("do $$ begin raise exception 'conflict' using errcode = '40001'; end $$"));
						return null;
					}))
					.satisfies((ex) -> assertThat(CommitLedger.committedBefore(ex)).isTrue());
				assertThat(attempts).as(key).hasValue(1);
				assertThat(stored(jdbc, "safe_writes", key)).as(key).isOne();
			});
		});
	}

	private static void copy(JdbcTemplate jdbc, String key) {
		jdbc.execute((ConnectionCallback<Long>) (connection) -> {
			try {
				return connection.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn("copy safe_writes (business_key) from stdin", new StringReader(key + "\n"));
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
	}

	private static void updateThroughResultSet(JdbcTemplate jdbc, String key) {
		jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY,
					ResultSet.CONCUR_UPDATABLE);
					ResultSet rows = statement.executeQuery(
							"select id, business_key from safe_writes where business_key = '" + key + "-seed'")) {
				rows.next();
				rows.updateString("business_key", key);
				rows.updateRow();
			}
			return null;
		});
	}

	@ParameterizedTest(name = "read-only-transactions={0}")
	@ValueSource(strings = { "transaction", "statement" })
	void aReadOnlyMethodWhoseRowsReachedTheCallerIsNotRunAgainWhenItLosesItsConnection(String readOnlyTransactions) {
		runner().withPropertyValues("chanuka.database.read-only-transactions=" + readOnlyTransactions)
			.run((context) -> {
				Reports reports = context.getBean(Reports.class);
				List<Integer> rows = new ArrayList<>();
				assertThatExceptionOfType(DataAccessResourceFailureException.class)
					.isThrownBy(() -> reports.fillThenLoseConnection("filled", rows))
					.satisfies((ex) -> assertThat(CommitLedger.committedBefore(ex)).isTrue());
				assertThat(rows).containsExactly(1, 2, 3);
				assertThat(reports.runs("filled")).isOne();
			});
	}

	@ParameterizedTest(name = "read-only-transactions={0}")
	@ValueSource(strings = { "transaction", "statement" })
	void aReadOnlyMethodThatLosesItsConnectionBeforeAnyRowRunsOnceMoreAndDeliversEachRowOnce(
			String readOnlyTransactions) {
		runner().withPropertyValues("chanuka.database.read-only-transactions=" + readOnlyTransactions)
			.run((context) -> {
				Reports reports = context.getBean(Reports.class);
				List<Integer> rows = new ArrayList<>();
				reports.loseConnectionThenFill("refilled", rows);
				assertThat(rows).containsExactly(1, 2, 3);
				assertThat(reports.runs("refilled")).isEqualTo(2);
			});
	}

	@Test
	void aNonPublicReadOnlyMethodRunsOnceMoreLikeAPublicOne() {
		runner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.packagePrivateReport("package-private")).isEqualTo(1);
			assertThat(reports.runs("package-private")).isEqualTo(2);
		});
	}

	@Test
	void aSerializationFailureBeforeAnyCommitIsRetried() {
		runner().run((context) -> {
			DatabaseOperations operations = context.getBean(DatabaseOperations.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			AtomicInteger attempts = new AtomicInteger();
			String result = operations.inTransaction("conflict-then-insert", (status) -> {
				if (attempts.incrementAndGet() == 1) {
					jdbc.execute("do $$ begin raise exception 'conflict' using errcode = '40001'; end $$");
				}
				jdbc.update(INSERT, "retried-once");
				return "done";
			});
			assertThat(result).isEqualTo("done");
			assertThat(attempts).hasValue(2);
			assertThat(stored(jdbc, "safe_writes", "retried-once")).isOne();
		});
	}

	@Test
	void aReadOnlyMethodThatWroteAnAuditRowIsNotRunAgainWhenItLosesItsConnection() {
		runner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThatExceptionOfType(DataAccessResourceFailureException.class)
				.isThrownBy(() -> reports.auditedReport("audited"));
			assertThat(reports.runs("audited")).isOne();
			assertThat(stored(jdbc, "audit_rows", "audited")).isOne();
		});
	}

	@Test
	void aReadOnlyMethodThatWroteNothingRunsOnceMoreWhenItLosesItsConnection() {
		runner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.report("plain")).isEqualTo(1);
			assertThat(reports.runs("plain")).isEqualTo(2);
		});
	}

	@Test
	void aReadOnlyMethodThatLosesEveryConnectionRunsTwiceAndFailsWithoutNestedReruns() {
		runner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThatExceptionOfType(DataAccessResourceFailureException.class)
				.isThrownBy(() -> reports.failingReport("failing"));
			assertThat(reports.runs("failing")).isEqualTo(2);
			assertThat(reports.report("after")).isEqualTo(1);
			assertThat(reports.runs("after")).isEqualTo(2);
		});
	}

	@Test
	void aRerunDoesNotRunAdviceOrderedBeforeTheRetryAgain() {
		// @ConcurrencyLimit(1) goes before every other advisor and is not re-entrant: a rerun
		// through the whole proxy would wait forever for the permit its own run holds
		runner().withUserConfiguration(ResilientMethods.class).withBean(LimitedReports.class).run((context) -> {
			LimitedReports reports = context.getBean(LimitedReports.class);
			Integer result = CompletableFuture.supplyAsync(() -> reports.report("limited")).get(30, TimeUnit.SECONDS);
			assertThat(result).isEqualTo(1);
			assertThat(reports.runs()).isEqualTo(2);
		});
	}

	private static String[] tunedToRetryEverything(String instance) {
		String prefix = "resilience4j.retry.instances." + instance;
		return new String[] { prefix + ".max-attempts=8", prefix + ".wait-duration=5ms",
				prefix + ".retry-exceptions=java.lang.Throwable" };
	}

	private static int stored(JdbcTemplate jdbc, String table, String key) {
		Integer count = jdbc.queryForObject("select count(*) from " + table + " where business_key = ?",
				Integer.class, key);
		return (count != null) ? count : 0;
	}

	public static class Writes {

		private final JdbcTemplate jdbc;

		private final AtomicInteger uniqueAttempts = new AtomicInteger();

		public Writes(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@DatabaseOperation("transactional-insert")
		@Transactional
		public void inTransaction(String key) {
			this.jdbc.update(INSERT, key);
		}

		@DatabaseOperation("autocommit-insert")
		public void autocommit(String key) {
			this.jdbc.update(INSERT, key);
		}

		@DatabaseOperation("function-insert")
		public void throughFunction(String key) {
			this.jdbc.queryForObject("select create_order(?)", Long.class, key);
		}

		@DatabaseOperation("unique-insert")
		public void unique(String key) {
			this.uniqueAttempts.incrementAndGet();
			this.jdbc.update("insert into unique_keys (business_key) values (?)", key);
		}

		public int uniqueAttempts() {
			return this.uniqueAttempts.get();
		}

	}

	public static class Auditor {

		private final JdbcTemplate jdbc;

		public Auditor(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Transactional(propagation = Propagation.REQUIRES_NEW)
		public void audit(String key) {
			this.jdbc.update("insert into audit_rows (business_key) values (?)", key);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableResilientMethods
	static class ResilientMethods {

	}

	public static class LimitedReports {

		private final JdbcTemplate jdbc;

		private final AtomicInteger runs = new AtomicInteger();

		public LimitedReports(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@ConcurrencyLimit(1)
		@Transactional(readOnly = true)
		public int report(String key) {
			if (this.runs.incrementAndGet() == 1) {
				this.jdbc.queryForObject("select pg_terminate_backend(pg_backend_pid())", Boolean.class);
			}
			Integer one = this.jdbc.queryForObject("select 1", Integer.class);
			return (one != null) ? one : 0;
		}

		public int runs() {
			return this.runs.get();
		}

	}

	public static class Reports {

		private final JdbcTemplate jdbc;

		private final Auditor auditor;

		private final java.util.Map<String, AtomicInteger> runs = new java.util.concurrent.ConcurrentHashMap<>();

		public Reports(JdbcTemplate jdbc, Auditor auditor) {
			this.jdbc = jdbc;
			this.auditor = auditor;
		}

		@Transactional(readOnly = true)
		public int auditedReport(String key) {
			run(key);
			this.auditor.audit(key);
			return loseConnection();
		}

		@Transactional(readOnly = true)
		public int report(String key) {
			if (run(key) == 1) {
				loseConnection();
			}
			Integer one = this.jdbc.queryForObject("select 1", Integer.class);
			return (one != null) ? one : 0;
		}

		@Transactional(readOnly = true)
		int packagePrivateReport(String key) {
			if (!TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
				return -1;
			}
			return report(key);
		}

		@Transactional(readOnly = true)
		public void fillThenLoseConnection(String key, List<Integer> rows) {
			run(key);
			rows.addAll(this.jdbc.queryForList("select g from generate_series(1, 3) g", Integer.class));
			loseConnection();
		}

		@Transactional(readOnly = true)
		public void loseConnectionThenFill(String key, List<Integer> rows) {
			if (run(key) == 1) {
				loseConnection();
			}
			rows.addAll(this.jdbc.queryForList("select g from generate_series(1, 3) g", Integer.class));
		}

		@Transactional(readOnly = true)
		public int failingReport(String key) {
			run(key);
			return loseConnection();
		}

		int runs(String key) {
			return this.runs.get(key).get();
		}

		private int run(String key) {
			return this.runs.computeIfAbsent(key, (name) -> new AtomicInteger()).incrementAndGet();
		}

		private int loseConnection() {
			this.jdbc.queryForObject("select pg_terminate_backend(pg_backend_pid())", Boolean.class);
			return 0;
		}

	}

}
