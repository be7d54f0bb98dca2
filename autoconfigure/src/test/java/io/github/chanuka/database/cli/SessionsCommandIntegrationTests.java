package io.github.chanuka.database.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import io.github.chanuka.database.alert.DatabaseAlertEvent;
import io.github.chanuka.database.autoconfigure.ChanukaAlertsAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaDatabaseEndpointAutoConfiguration;
import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.chanuka.database.ops.DatabaseEndpoint;
import io.github.chanuka.database.ops.session.SessionReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code db sessions}, {@code /actuator/database/sessions} and the session alert rules
 * against a real PostgreSQL server: a lock held and waited for, a transaction left idle,
 * a statement that runs too long.
 */
@EmbeddedCluster(replicas = 0)
class SessionsCommandIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static PostgresCluster cluster;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<Connection> connections = new CopyOnWriteArrayList<>();

	private String database;

	@BeforeAll
	static void useCluster(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
	}

	@AfterEach
	void closeSessions() throws SQLException {
		this.threads.shutdownNow();
		for (Connection connection : this.connections) {
			connection.close();
		}
	}

	private ApplicationContextRunner runner(TestInfo test, String... properties) {
		this.database = OperationsTestDatabases.create(cluster, test.getTestMethod().orElseThrow().getName());
		JdbcTemplate jdbc = OperationsTestDatabases.jdbc(cluster, this.database);
		jdbc.execute("create table accounts (id int primary key, balance int not null)");
		jdbc.execute("insert into accounts values (1, 100), (2, 200)");
		return OperationsTestDatabases.runner(cluster, this.database, properties)
			.withConfiguration(AutoConfigurations.of(ChanukaAlertsAutoConfiguration.class,
					ChanukaDatabaseEndpointAutoConfiguration.class))
			.withBean(AlertEvents.class)
			.withPropertyValues("chanuka.database.health.check-interval=200ms", "chanuka.database.health.timeout=2s",
					"management.endpoints.web.exposure.include=database");
	}

	@Test
	void aBlockedSessionShowsItsBlockerChainFiresTheAlertAndResolvesWhenTheBlockerCommits(TestInfo test) {
		runner(test).run((context) -> {
			Connection blocker = session("chanuka-blocker");
			int blockerPid = pid(blocker);
			blocker.setAutoCommit(false);
			execute(blocker, "update accounts set balance = balance + 7 where id = 1");
			Connection waiting = session("chanuka-waiting");
			int waitingPid = pid(waiting);
			Future<?> waitingUpdate = this.threads
				.submit(() -> execute(waiting, "update accounts set balance = balance - 3 where id = 1"));
			Connection queued = session("chanuka-queued");
			int queuedPid = pid(queued);
			await().atMost(Duration.ofSeconds(10)).until(() -> blockedPids(context).contains(waitingPid));
			Future<?> queuedUpdate = this.threads
				.submit(() -> execute(queued, "update accounts set balance = balance * 2 where id = 1"));

			await().atMost(Duration.ofSeconds(10)).until(() -> blockedPids(context).contains(queuedPid));
			CommandResult result = CommandResult.run(context, "sessions", "--json");
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.PROBLEM);
			JsonNode primary = json.readTree(result.out()).get("nodes").get(0);
			assertThat(primary.get("node").asString()).isEqualTo("primary");
			JsonNode waitingRow = row(primary.get("blocked"), waitingPid);
			assertThat(pids(waitingRow.get("blockedBy"))).containsExactly(blockerPid);
			assertThat(pids(waitingRow.get("rootBlockers"))).containsExactly(blockerPid);
			assertThat(waitingRow.get("application").asString()).isEqualTo("chanuka-waiting");
			assertThat(waitingRow.get("state").asString()).isEqualTo("active");
			assertThat(waitingRow.get("waitEvent").asString()).startsWith("Lock:");
			assertThat(waitingRow.get("query").asString())
				.isEqualTo("update accounts set balance = balance - ? where id = ?");
			JsonNode queuedRow = row(primary.get("blocked"), queuedPid);
			assertThat(pids(queuedRow.get("blockedBy"))).as("queued behind the waiting update").contains(waitingPid);
			assertThat(pids(queuedRow.get("rootBlockers"))).as("the chain ends at the blocker")
				.containsExactly(blockerPid);
			JsonNode blockerRow = row(primary.get("blockers"), blockerPid);
			assertThat(blockerRow.get("state").asString()).isEqualTo("idle in transaction");
			assertThat(blockerRow.get("application").asString()).isEqualTo("chanuka-blocker");
			assertThat(blockerRow.get("query").asString())
				.isEqualTo("update accounts set balance = balance + ? where id = ?");
			assertThat(blockerRow.get("statement").asString())
				.isEqualTo("SELECT pg_terminate_backend(" + blockerPid + ");");
			assertThat(result.out()).doesNotContain("balance + 7", "balance - 3", "balance * 2",
					cluster.primary().password());

			CommandResult text = CommandResult.run(context, "sessions");
			assertThat(text.exitCode()).isEqualTo(DatabaseCommandLine.PROBLEM);
			assertThat(text.out()).contains("Blocked:", "Blocking others:",
					"blocked by " + blockerPid + "; root of the chain: " + blockerPid,
					"These statements were not run",
					"primary: SELECT pg_terminate_backend(" + blockerPid + ");  -- releases the locks it holds");

			AlertEvents events = context.getBean(AlertEvents.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> events.states("blocked-sessions").contains(DatabaseAlertEvent.State.FIRING));
			assertThat(events.firing("blocked-sessions").getAlert().node()).isEqualTo("primary");
			assertThat(events.firing("blocked-sessions").getAlert().value()).isGreaterThanOrEqualTo(1);
			CommandResult health = CommandResult.run(context, "health", "--json");
			JsonNode sessions = json.readTree(health.out()).get("nodes").get(0).get("sessions");
			assertThat(sessions.get("blocked").asInt()).as(health.toString()).isGreaterThanOrEqualTo(2);
			assertThat(CommandResult.run(context, "health").out()).contains("blocked (db sessions lists them)");
			SessionReport served = (SessionReport) context.getBean(DatabaseEndpoint.class).report("sessions");
			assertThat(served.nodes().get(0).blocked()).anySatisfy((session) -> assertThat(session.pid())
				.isEqualTo(waitingPid));

			blocker.commit();
			waitingUpdate.get(10, TimeUnit.SECONDS);
			queuedUpdate.get(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> events.states("blocked-sessions").contains(DatabaseAlertEvent.State.RESOLVED));
			assertThat(events.states("blocked-sessions")).containsExactly(DatabaseAlertEvent.State.FIRING,
					DatabaseAlertEvent.State.RESOLVED);
			assertThat(blockedPids(context)).doesNotContain(waitingPid, queuedPid);
			assertThat(OperationsTestDatabases.jdbc(cluster, this.database)
				.queryForObject("select balance from accounts where id = 1", Integer.class))
				.as("the blocker was left alone and every update ran, the waiters in either order")
				.isIn((100 + 7 - 3) * 2, (100 + 7) * 2 - 3);
		});
	}

	@Test
	void aTransactionLeftIdleOverTheThresholdIsReportedAndAlertedUntilItEnds(TestInfo test) {
		runner(test, "chanuka.database.monitoring.idle-in-transaction-threshold=1s").run((context) -> {
			Connection idle = session("chanuka-idle");
			idle.setAutoCommit(false);
			int idlePid = pid(idle);
			execute(idle, "select balance from accounts where id = 2 and balance > 150 /* owner: alice */");
			AlertEvents events = context.getBean(AlertEvents.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> events.states("idle-in-transaction").contains(DatabaseAlertEvent.State.FIRING));
			CommandResult result = CommandResult.run(context, "sessions", "--json");
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.PROBLEM);
			JsonNode report = json.readTree(result.out());
			assertThat(report.get("idleInTransactionThresholdMs").asLong()).isEqualTo(1000);
			JsonNode row = row(report.get("nodes").get(0).get("idleInTransaction"), idlePid);
			assertThat(row.get("durationMs").asLong()).isGreaterThan(1000);
			assertThat(row.get("state").asString()).isEqualTo("idle in transaction");
			assertThat(this.database).as("PostgreSQL cuts names at 63 bytes")
				.startsWith(row.get("database").asString());
			assertThat(row.get("query").asString())
				.isEqualTo("select balance from accounts where id = ? and balance > ?");
			// "> 150", not "150": a process id may hold those digits
			assertThat(result.out()).doesNotContain("alice", "> 150");
			assertThat(row.get("statement").asString()).isEqualTo("SELECT pg_terminate_backend(" + idlePid + ");");
			assertThat(CommandResult.run(context, "sessions").out()).contains("Idle in transaction:", "chanuka-idle",
					"primary: SELECT pg_terminate_backend(" + idlePid + ");  -- ends the session");
			assertThat(context.getBean(DatabaseEndpoint.class).database().recommendations())
				.anyMatch((advice) -> advice.startsWith("primary: 1 session(s) idle in a transaction"));

			idle.rollback();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> events.states("idle-in-transaction").contains(DatabaseAlertEvent.State.RESOLVED));
			JsonNode after = json.readTree(CommandResult.run(context, "sessions", "--json").out());
			assertThat(after.get("nodes").get(0).get("idleInTransaction").findValuesAsString("application"))
				.doesNotContain("chanuka-idle");
		});
	}

	@Test
	void aStatementOverTheLongQueryThresholdIsReportedWithItsCancelStatementAndAlerted(TestInfo test) {
		runner(test, "chanuka.database.monitoring.long-query-threshold=1s").run((context) -> {
			Connection slow = session("chanuka-slow");
			int slowPid = pid(slow);
			Future<?> sleeping = this.threads.submit(() -> execute(slow, "select pg_sleep(60), 'card 4111'"));
			AlertEvents events = context.getBean(AlertEvents.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> events.states("long-running-query").contains(DatabaseAlertEvent.State.FIRING));
			CommandResult result = CommandResult.run(context, "sessions", "--json");
			JsonNode row = row(json.readTree(result.out()).get("nodes").get(0).get("longRunning"), slowPid);
			assertThat(row.get("query").asString()).isEqualTo("select pg_sleep(?), ?");
			assertThat(row.get("waitEvent").asString()).isEqualTo("Timeout:PgSleep");
			assertThat(row.get("statement").asString()).isEqualTo("SELECT pg_cancel_backend(" + slowPid + ");");
			// "card 4111", not "4111": a process id may hold those digits
			assertThat(result.out()).doesNotContain("card 4111");
			assertThat(CommandResult.run(context, "sessions").out()).contains("Long-running statements:",
					"primary: SELECT pg_cancel_backend(" + slowPid + ");  -- cancels the statement");

			OperationsTestDatabases.jdbc(cluster, this.database)
				.queryForObject("select pg_cancel_backend(?)", Boolean.class, slowPid);
			await().atMost(Duration.ofSeconds(10)).until(sleeping::isDone);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> events.states("long-running-query").contains(DatabaseAlertEvent.State.RESOLVED));
		});
	}

	@Test
	void aQuietNodeReportsNothingAndExitsZero(TestInfo test) {
		runner(test).run((context) -> {
			CommandResult result = CommandResult.run(context, "sessions");
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.OK);
			assertThat(result.out()).contains("primary (primary): 0 long-running, 0 idle in transaction, 0 blocked")
				.doesNotContain("These statements were not run");
		});
	}

	@Test
	void aNegativeThresholdFailsStartupNamingTheKey(TestInfo test) {
		runner(test, "chanuka.database.monitoring.long-query-threshold=-1s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidDatabaseConfigurationException.class)
				.hasMessageContaining("chanuka.database.monitoring.long-query-threshold=-1000ms");
		});
	}

	private List<Integer> blockedPids(org.springframework.context.ApplicationContext context) {
		JsonNode report = json.readTree(CommandResult.run(context, "sessions", "--json").out());
		return report.get("nodes").get(0).get("blocked").findValues("pid").stream().map(JsonNode::asInt).toList();
	}

	private static JsonNode row(JsonNode rows, int pid) {
		for (JsonNode row : rows) {
			if (row.get("pid").asInt() == pid) {
				return row;
			}
		}
		throw new AssertionError("No session with pid " + pid + " in " + rows);
	}

	private static List<Integer> pids(JsonNode array) {
		return array.valueStream().map(JsonNode::asInt).toList();
	}

	private Connection session(String application) throws SQLException {
		PostgresNode primary = cluster.primary();
		Properties properties = new Properties();
		properties.setProperty("user", primary.username());
		properties.setProperty("password", primary.password());
		properties.setProperty("ApplicationName", application);
		Connection connection = DriverManager.getConnection(OperationsTestDatabases.url(cluster, this.database),
				properties);
		this.connections.add(connection);
		return connection;
	}

	private static int pid(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select pg_backend_pid()")) {
			result.next();
			return result.getInt(1);
		}
	}

	private static Void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		return null;
	}

	static class AlertEvents implements ApplicationListener<DatabaseAlertEvent> {

		private final List<DatabaseAlertEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(DatabaseAlertEvent event) {
			this.events.add(event);
		}

		List<DatabaseAlertEvent.State> states(String rule) {
			return this.events.stream()
				.filter((event) -> event.getAlert().rule().equals(rule))
				.map(DatabaseAlertEvent::getState)
				.toList();
		}

		DatabaseAlertEvent firing(String rule) {
			return this.events.stream()
				.filter((event) -> event.getAlert().rule().equals(rule)
						&& event.getState() == DatabaseAlertEvent.State.FIRING)
				.findFirst()
				.orElseThrow();
		}

	}

}
