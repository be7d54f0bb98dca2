package io.github.chanuka.database.routing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.node.NodeState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * With {@code chanuka.database.read-only-transactions=statement}, a read-only
 * transaction at READ COMMITTED runs its statements in autocommit, one round trip each,
 * and sends no COMMIT; what needs a transaction still gets one: transaction-local
 * settings, higher isolation, cursors, advisory transaction locks. Each case runs with
 * a replica and on a single node (the primary's read-only connections). Commits are
 * counted on the server by {@code pg_stat_statements}. Nothing in this class stops a
 * node.
 */
@EmbeddedCluster(replicas = 1, settings = "shared_preload_libraries=pg_stat_statements")
class ReadOnlyTransactionsPerStatementIntegrationTests {

	private static PostgresCluster cluster;

	@BeforeAll
	static void createSchema(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
		JdbcTemplate primary = new JdbcTemplate(cluster.primary().dataSource());
		primary.execute("create extension if not exists pg_stat_statements");
		primary.execute("create table if not exists one_trip_motions (id int primary key, title text not null)");
		primary.execute("insert into one_trip_motions values (1, 'Adjourn') on conflict do nothing");
		primary.execute("create or replace function one_trip_write() returns int language sql as "
				+ "$$ insert into one_trip_motions values (2, 'Written by a function') returning id $$");
		cluster.awaitReplicated(Duration.ofSeconds(10));
	}

	@ParameterizedTest(name = "replicas: {0}")
	@ValueSource(booleans = { true, false })
	void oneStatementReadOnlyTransactionsSendNoCommitToTheNodeThatServesThem(boolean replicas) {
		runner(replicas, "statement").run((context) -> {
			PostgresNode node = servingNode(replicas);
			awaitUsableReplicas(context);
			long before = transactionBlocks(node);
			for (int i = 0; i < 20; i++) {
				String title = readOnly(context).execute((status) -> jdbc(context)
					.queryForObject("select title from one_trip_motions where id = ?", String.class, 1));
				assertThat(title).isEqualTo("Adjourn");
			}
			assertThat(transactionBlocks(node) - before).isZero();
			assertThat(servedBy(context)).isEqualTo(node.port());
		});
		runner(replicas, "transaction").run((context) -> {
			PostgresNode node = servingNode(replicas);
			awaitUsableReplicas(context);
			long before = transactionBlocks(node);
			for (int i = 0; i < 20; i++) {
				readOnly(context).execute((status) -> jdbc(context)
					.queryForObject("select title from one_trip_motions where id = ?", String.class, 1));
			}
			assertThat(transactionBlocks(node) - before).as("one BEGIN per read-only transaction by default, "
					+ "and the connection's first COMMIT")
				.isBetween(20L, 21L);
		});
	}

	@ParameterizedTest(name = "replicas: {0}")
	@ValueSource(booleans = { true, false })
	void transactionLocalSettingsAreSeenByTheNextStatementAndByNoLaterTransaction(boolean replicas) {
		runner(replicas, "statement").run((context) -> {
			JdbcTemplate jdbc = jdbc(context);
			List<String> seen = readOnly(context).execute((status) -> {
				jdbc.queryForObject("select set_config('chanuka.tenant', '7', true)", String.class);
				String afterSetConfig = jdbc.queryForObject("select current_setting('chanuka.tenant', true)",
						String.class);
				jdbc.execute("set local chanuka.region = 'north'");
				String afterSetLocal = jdbc.queryForObject("select current_setting('chanuka.region', true)",
						String.class);
				return List.of(afterSetConfig, afterSetLocal);
			});
			assertThat(seen).containsExactly("7", "north");
			assertThat(leftOnEveryPooledConnection(context)).as("a later transaction on each pooled connection")
				.containsOnly("");
		});
	}

	/**
	 * The settings that later read-only transactions find, one on each connection of the
	 * pool that served the reads: the pool's every connection is held at once.
	 */
	private static List<String> leftOnEveryPooledConnection(AssertableApplicationContext context)
			throws SQLException {
		DataSource dataSource = context.getBean(DataSource.class);
		List<Connection> held = new ArrayList<>();
		List<String> found = new ArrayList<>();
		try {
			for (int i = 0; i < 10; i++) {
				Connection connection = dataSource.getConnection();
				held.add(connection);
				connection.setReadOnly(true);
				connection.setAutoCommit(false);
				try (Statement statement = connection.createStatement();
						ResultSet result = statement.executeQuery("select coalesce(current_setting('chanuka.tenant', "
								+ "true), '') || coalesce(current_setting('chanuka.region', true), '')")) {
					result.next();
					found.add(result.getString(1));
				}
				connection.commit();
			}
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}
		return found;
	}

	@ParameterizedTest(name = "replicas: {0}")
	@ValueSource(booleans = { true, false })
	void repeatableReadKeepsOneTransactionWhileReadCommittedTakesOneTripPerStatement(boolean replicas) {
		runner(replicas, "statement").run((context) -> {
			TransactionTemplate repeatableRead = readOnly(context);
			repeatableRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
			assertThat(nowStaysTheSame(context, repeatableRead)).as("one transaction").isTrue();
			assertThat(nowStaysTheSame(context, readOnly(context))).as("a statement each at READ COMMITTED")
				.isFalse();
		});
	}

	@ParameterizedTest(name = "replicas: {0}")
	@ValueSource(booleans = { true, false })
	void aFetchSizeStreamsInsideATransaction(boolean replicas) {
		runner(replicas, "statement").run((context) -> {
			JdbcTemplate streaming = new JdbcTemplate(jdbc(context).getDataSource());
			streaming.setFetchSize(100);
			Boolean sameTransaction = readOnly(context).execute((status) -> {
				List<Timestamp> rows = streaming.queryForList("select now() from generate_series(1, 1000)",
						Timestamp.class);
				Timestamp after = jdbc(context).queryForObject("select now()", Timestamp.class);
				return rows.size() == 1000 && rows.stream().allMatch(after::equals);
			});
			assertThat(sameTransaction).isTrue();
		});
	}

	@Test
	void aMillionRowsStreamWithoutBeingHeldInMemory() {
		runner(true, "statement").run((context) -> {
			JdbcTemplate streaming = new JdbcTemplate(jdbc(context).getDataSource());
			streaming.setFetchSize(1000);
			AtomicLong rows = new AtomicLong();
			AtomicLong heldWhileStreaming = new AtomicLong();
			long before = usedHeapAfterGc();
			readOnly(context).executeWithoutResult((status) -> streaming
				.query("select g, repeat('x', 100) from generate_series(1, 1000000) g", (row) -> {
					if (rows.incrementAndGet() == 900_000) {
						heldWhileStreaming.set(usedHeapAfterGc() - before);
					}
				}));
			assertThat(rows).hasValue(1_000_000);
			// held at once, 900,000 rows of about 130 bytes would take well over 100 MB
			assertThat(heldWhileStreaming.get()).isLessThan(48L * 1024 * 1024);
		});
	}

	@ParameterizedTest(name = "replicas: {0}")
	@ValueSource(booleans = { true, false })
	void anAdvisoryTransactionLockIsHeldToTheEndOfTheTransaction(boolean replicas) {
		runner(replicas, "statement").run((context) -> {
			awaitUsableReplicas(context);
			JdbcTemplate other = new JdbcTemplate(servingNode(replicas).dataSource());
			AtomicReference<Boolean> takenByAnotherSession = new AtomicReference<>();
			readOnly(context).executeWithoutResult((status) -> {
				jdbc(context).queryForObject("select pg_advisory_xact_lock(4242)::text", String.class);
				jdbc(context).queryForObject("select 1", Integer.class);
				takenByAnotherSession.set(other.queryForObject("select pg_try_advisory_lock(4242)", Boolean.class));
			});
			assertThat(takenByAnotherSession.get()).as("while the transaction runs").isFalse();
			assertThat(other.queryForObject("select pg_try_advisory_xact_lock(4242)", Boolean.class))
				.as("after it ended")
				.isTrue();
		});
	}

	@ParameterizedTest(name = "replicas: {0}")
	@ValueSource(booleans = { true, false })
	void aWriteInAReadOnlyTransactionIsRefusedAndStoresNothing(boolean replicas) {
		runner(replicas, "statement").run((context) -> {
			JdbcTemplate jdbc = jdbc(context);
			assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> readOnly(context).executeWithoutResult(
						(status) -> jdbc.update("insert into one_trip_motions values (3, 'Refused')")))
				.withMessageContaining("read-only transaction");
			assertThatExceptionOfType(DataAccessException.class)
				.as("a function called by a plain SELECT, which runs in autocommit")
				.isThrownBy(() -> readOnly(context)
					.executeWithoutResult((status) -> jdbc.queryForObject("select one_trip_write()", Integer.class)))
				.withMessageContaining("read-only transaction");
			assertThat(new JdbcTemplate(cluster.primary().dataSource())
				.queryForObject("select count(*) from one_trip_motions where id in (2, 3)", Integer.class)).isZero();
			assertThat(jdbc.queryForObject("select one_trip_write()", Integer.class))
				.as("outside a read-only transaction the function writes")
				.isEqualTo(2);
			new JdbcTemplate(cluster.primary().dataSource()).update("delete from one_trip_motions where id = 2");
		});
	}

	@ParameterizedTest(name = "replicas: {0}")
	@ValueSource(booleans = { true, false })
	void aTransactionTimeoutStillCancelsAStatement(boolean replicas) {
		runner(replicas, "statement").run((context) -> {
			TransactionTemplate timed = readOnly(context);
			timed.setTimeout(1);
			long start = System.nanoTime();
			assertThatExceptionOfType(QueryTimeoutException.class).isThrownBy(() -> timed
				.executeWithoutResult((status) -> jdbc(context).queryForObject("select pg_sleep(10)::text", String.class)));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
		});
	}

	@Test
	void readsForcedToThePrimaryRunPerStatementOnConnectionsThatRefuseWrites() {
		runner(true, "statement").run((context) -> {
			awaitUsableReplicas(context);
			RoutingContext routing = context.getBean(RoutingContext.class);
			routing.enterPrimaryOnly();
			try {
				long before = transactionBlocks(cluster.primary());
				for (int i = 0; i < 5; i++) {
					assertThat(servedBy(context)).isEqualTo(cluster.primary().port());
				}
				assertThat(transactionBlocks(cluster.primary()) - before).isZero();
				assertThatExceptionOfType(DataAccessException.class)
					.isThrownBy(() -> readOnly(context).executeWithoutResult(
							(status) -> jdbc(context).queryForObject("select one_trip_write()", Integer.class)))
					.withMessageContaining("read-only transaction");
			}
			finally {
				routing.exitPrimaryOnly();
			}
			assertThat(servedBy(context)).isEqualTo(cluster.replica(1).port());
		});
	}

	@Test
	void writesAndTheirReadsStillWork() {
		runner(true, "statement").run((context) -> {
			JdbcTemplate jdbc = jdbc(context);
			TransactionTemplate write = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			write.executeWithoutResult((status) -> jdbc.update("insert into one_trip_motions values (4, 'Recess') "
					+ "on conflict (id) do update set title = excluded.title"));
			String title = readOnly(context).execute((status) -> jdbc
				.queryForObject("select title from one_trip_motions where id = ?", String.class, 4));
			assertThat(title).as("read-your-writes honoured").isEqualTo("Recess");
			DatabaseTopology topology = context.getBean(DatabaseTopology.class);
			assertThat(topology.nodes()).allSatisfy((node) -> assertThat(node.activeConnections()).isZero());
		});
	}

	private static boolean nowStaysTheSame(AssertableApplicationContext context, TransactionTemplate transaction) {
		JdbcTemplate jdbc = jdbc(context);
		Boolean same = transaction.execute((status) -> {
			Timestamp first = jdbc.queryForObject("select now()", Timestamp.class);
			jdbc.queryForObject("select pg_sleep(0.02)::text", String.class);
			Timestamp second = jdbc.queryForObject("select now()", Timestamp.class);
			return first.equals(second);
		});
		return Boolean.TRUE.equals(same);
	}

	private static long usedHeapAfterGc() {
		System.gc();
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

	private static ApplicationContextRunner runner(boolean replicas, String mode) {
		ApplicationContextRunner runner = replicas ? ClusterContext.runner(cluster)
				: ClusterContext.runnerWithoutReplicas(cluster);
		return runner.withPropertyValues("chanuka.database.read-only-transactions=" + mode);
	}

	private static void awaitUsableReplicas(AssertableApplicationContext context) {
		DatabaseTopology topology = context.getBean(DatabaseTopology.class);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> topology.replicas().stream().allMatch((replica) -> replica.state().status() == NodeState.Status.UP));
	}

	private static PostgresNode servingNode(boolean replicas) {
		return replicas ? cluster.replica(1) : cluster.primary();
	}

	private static TransactionTemplate readOnly(AssertableApplicationContext context) {
		TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		transaction.setReadOnly(true);
		return transaction;
	}

	private static JdbcTemplate jdbc(AssertableApplicationContext context) {
		return context.getBean(JdbcTemplate.class);
	}

	private static Integer servedBy(AssertableApplicationContext context) {
		awaitUsableReplicas(context);
		return readOnly(context)
			.execute((status) -> jdbc(context).queryForObject("select inet_server_port()", Integer.class));
	}

	/**
	 * The BEGINs and COMMITs the node has run, as {@code pg_stat_statements} counts them.
	 * The driver sends a COMMIT only after a BEGIN, and after its first COMMIT on a
	 * connection runs it as a server-prepared statement, which the extension does not
	 * count again: each BEGIN stands for one transaction block and its COMMIT.
	 */
	private static long transactionBlocks(PostgresNode node) {
		Long blocks = new JdbcTemplate(node.dataSource())
			.queryForObject("select coalesce(sum(calls), 0) from pg_stat_statements "
					+ "where dbid = (select oid from pg_database where datname = current_database()) "
					+ "and (lower(query) like 'begin%' or lower(query) = 'commit')", Long.class);
		return (blocks != null) ? blocks : 0;
	}

}
