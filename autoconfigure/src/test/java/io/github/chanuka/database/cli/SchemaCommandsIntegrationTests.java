package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.ops.schema.DataValidationRule;
import io.github.chanuka.database.ops.schema.Severity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code db validate}, {@code db indexes}, {@code db health} and {@code db benchmark}
 * against a real PostgreSQL server, each test on its own database.
 */
@EmbeddedCluster(replicas = 0)
class SchemaCommandsIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static PostgresCluster cluster;

	private JdbcTemplate jdbc;

	@BeforeAll
	static void useCluster(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
	}

	private ApplicationContextRunner runner(TestInfo test) {
		String database = OperationsTestDatabases.create(cluster, test.getTestMethod().orElseThrow().getName());
		this.jdbc = OperationsTestDatabases.jdbc(cluster, database);
		return OperationsTestDatabases.runner(cluster, database);
	}

	@Test
	void validateReportsEverySeededSchemaProblemAndBrokenDataRule(TestInfo test) {
		ApplicationContextRunner runner = runner(test);
		seedProblems();
		runner
			.withBean("billsHaveASponsor", DataValidationRule.class,
					() -> new DataValidationRule("bills-have-a-sponsor",
							"select id, title from bills where sponsor_id is null;", Severity.ERROR))
			.withBean("brokenRule", DataValidationRule.class,
					() -> new DataValidationRule("broken-rule", "select * from nowhere", Severity.WARNING))
			.run((context) -> {
				CommandResult result = CommandResult.run(context, "validate");
				assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.PROBLEM);
				assertThat(result.out()).contains("problems found (", "error", "warning",
						"WARNING  not-valid-constraint  public.bills.bills_title_not_blank",
						"ALTER TABLE public.bills VALIDATE CONSTRAINT bills_title_not_blank;",
						"ERROR    invalid-index  public.bills_status_key",
						"WARNING  missing-primary-key  public.audit_log",
						"WARNING  sequence-exhaustion  public.ticket_numbers", "has used 89.9% of its range",
						"WARNING  unindexed-foreign-key  public.bills.bills_sponsor_id_fkey",
						"CREATE INDEX CONCURRENTLY ON public.bills (sponsor_id);",
						"ERROR    bills-have-a-sponsor  rule bills-have-a-sponsor",
						"1 row(s) break this rule, such as {id=2, title=Orphan Bill}",
						"ERROR    broken-rule  rule broken-rule", "the rule's query failed: ERROR: relation \"nowhere\"");
				assertThat(result.out().indexOf("ERROR    ")).as("errors first")
					.isLessThan(result.out().indexOf("WARNING  "));
				CommandResult asJson = CommandResult.run(context, "validate", "--json");
				assertThat(asJson.exitCode()).isEqualTo(DatabaseCommandLine.PROBLEM);
				JsonNode report = json.readTree(asJson.out());
				assertThat(report.get("checks").toString()).contains("not-valid-constraint", "missing-primary-key",
						"bills-have-a-sponsor");
				assertThat(report.get("findings").findValuesAsString("check")).contains("not-valid-constraint",
						"invalid-index", "missing-primary-key", "sequence-exhaustion", "unindexed-foreign-key",
						"bills-have-a-sponsor", "broken-rule");
			});
	}

	@Test
	void indexesReportsUnusedDuplicateInvalidUnindexedAndScannedTablesWithStatements(TestInfo test) {
		ApplicationContextRunner runner = runner(test);
		seedProblems();
		this.jdbc.execute("create table readings (id bigint primary key, value int not null)");
		this.jdbc.execute("insert into readings select n, n % 100 from generate_series(1, 20000) n");
		for (int i = 0; i < 60; i++) {
			this.jdbc.queryForObject("select count(*) from readings where value = " + (i % 100), Long.class);
		}
		runner.run((context) -> {
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(CommandResult.run(context, "indexes").out()).contains("public.readings"));
			CommandResult result = CommandResult.run(context, "indexes");
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.PROBLEM);
			assertThat(result.out()).contains("pieces of index advice",
					"invalid                public.bills_status_key on public.bills",
					"DROP INDEX CONCURRENTLY public.bills_status_key; CREATE UNIQUE INDEX CONCURRENTLY bills_status_key ON public.bills USING btree (status);",
					"duplicate              public.bills_title_idx_copy on public.bills",
					"same table, key columns and options as public.bills_title_idx",
					"DROP INDEX CONCURRENTLY public.bills_title_idx_copy;",
					"unused                 public.bills_title_idx on public.bills",
					"DROP INDEX CONCURRENTLY public.bills_title_idx;",
					"unindexed-foreign-key  public.bills", "CREATE INDEX CONCURRENTLY ON public.bills (sponsor_id);",
					"sequential-scans       public.readings", "sequential scans against 0 index scans",
					"CREATE INDEX CONCURRENTLY ON public.readings (<columns your queries filter or join on>);",
					"These statements were not run");
			assertThat(result.out()).doesNotContain("bills_pkey", "sponsors_pkey");
			assertThat(this.jdbc.queryForObject(
					"select count(*) from pg_index where indexrelid = 'bills_title_idx'::regclass", Integer.class))
				.as("advice is never run")
				.isOne();
			JsonNode report = json.readTree(CommandResult.run(context, "indexes", "--json").out());
			assertThat(report.get("advice").findValuesAsString("kind")).contains("UNUSED", "DUPLICATE", "INVALID",
					"UNINDEXED_FOREIGN_KEY", "SEQUENTIAL_SCANS");
			assertThat(report.get("advice").findValuesAsString("statement"))
				.contains("DROP INDEX CONCURRENTLY public.bills_title_idx;");
		});
	}

	@Test
	void indexesNameTheUnindexedForeignKeyColumnsOfASequentiallyScannedTable(TestInfo test) {
		ApplicationContextRunner runner = runner(test);
		this.jdbc.execute("create table accounts (id int primary key)");
		this.jdbc.execute("insert into accounts select generate_series(1, 100)");
		this.jdbc.execute("create table payments (id bigint primary key, \"Account\" int not null references accounts,"
				+ " amount int not null)");
		this.jdbc.execute("insert into payments select n, n % 100 + 1, n from generate_series(1, 20000) n");
		for (int i = 0; i < 60; i++) {
			this.jdbc.queryForObject("select count(*) from payments where \"Account\" = " + (i % 100 + 1), Long.class);
		}
		runner.run((context) -> {
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(CommandResult.run(context, "indexes").out())
					.contains("sequential-scans       public.payments"));
			CommandResult result = CommandResult.run(context, "indexes");
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.PROBLEM);
			assertThat(result.out()).contains("unindexed-foreign-key  public.payments",
					"foreign key \"payments_Account_fkey\" (\"Account\") -> accounts has no index",
					"its foreign key columns (\"Account\") -> accounts have no index, the likely filter or join",
					"CREATE INDEX CONCURRENTLY ON public.payments (\"Account\");")
				.doesNotContain("public.payments (<columns");
			JsonNode advice = json.readTree(CommandResult.run(context, "indexes", "--json").out()).get("advice");
			List<String> kinds = new ArrayList<>();
			for (JsonNode item : advice) {
				if (item.get("table").asString().equals("public.payments")) {
					kinds.add(item.get("kind").asString());
					assertThat(item.get("columns").get(0).asString()).isEqualTo("\"Account\"");
				}
			}
			assertThat(kinds).containsExactlyInAnyOrder("UNINDEXED_FOREIGN_KEY", "SEQUENTIAL_SCANS");
		});
	}

	@Test
	void aHealthySchemaHasNoFindingsAndNoAdvice(TestInfo test) {
		ApplicationContextRunner runner = runner(test);
		this.jdbc.execute("create table sponsors (id bigint primary key, name text not null)");
		this.jdbc.execute("create table bills (id bigint primary key, sponsor_id bigint references sponsors (id))");
		this.jdbc.execute("create index bills_sponsor_idx on bills (sponsor_id)");
		this.jdbc.queryForList("select * from bills where sponsor_id = 1");
		runner.run((context) -> {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(CommandResult.run(context, "indexes").exitCode()).isZero());
			assertThat(CommandResult.run(context, "indexes").out()).startsWith("No index advice");
			CommandResult validate = CommandResult.run(context, "validate");
			assertThat(validate.exitCode()).as(validate.toString()).isZero();
			assertThat(validate.out()).startsWith("No problems found (checks: changelog, archive-mode, not-valid-constraint,");
			assertThat(this.jdbc.queryForObject("select to_regclass('databasechangelog') is null", Boolean.class))
				.as("validation writes nothing")
				.isTrue();
		});
	}

	@Test
	void validateWarnsThatAProductionPrimaryDoesNotArchiveItsWal(TestInfo test) {
		runner(test).withPropertyValues("chanuka.database.environment=production",
				"chanuka.database.ssl.allow-insecure-production=true", "chanuka.database.ssl.mode=disable")
			.run((context) -> {
				CommandResult result = CommandResult.run(context, "validate");
				assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.PROBLEM);
				assertThat(result.out()).contains("1 problem found (1 warning)", "WARNING  archive-mode  archive_mode",
						"archive_mode is off on the production primary", "not to a point in time",
						"fix: Set up continuous WAL archiving with pgBackRest or WAL-G").doesNotContain("ERROR");
			});
		runner(test).run((context) -> {
			CommandResult development = CommandResult.run(context, "validate");
			assertThat(development.exitCode()).as(development.toString()).isZero();
			assertThat(development.out()).contains("archive-mode").doesNotContain("archive_mode is off");
		});
	}

	@Test
	void healthPrintsTheStatusReportWithoutSecrets(TestInfo test) {
		runner(test).run((context) -> {
			CommandResult result = CommandResult.run(context, "health");
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).contains("environment development", "NODE", "primary", "UP",
					"jdbc:postgresql://", "Alerts: none");
			CommandResult asJson = CommandResult.run(context, "health", "--json");
			JsonNode report = json.readTree(asJson.out());
			assertThat(report.get("nodes").get(0).get("state").asString()).isEqualTo("UP");
			assertThat(report.get("nodes").get(0).get("pool").get("name").asString()).isEqualTo("chanuka-primary");
			assertThat(result.out() + asJson.out()).doesNotContain(cluster.primary().password());
		});
	}

	@Test
	void healthWatchRepeatsUntilInterrupted(TestInfo test) {
		runner(test).run((context) -> {
			StringWriter out = new StringWriter();
			AtomicInteger exitCode = new AtomicInteger(-1);
			Thread watch = new Thread(() -> exitCode.set(new DatabaseCommandLine(context)
				.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter()), "health", "--watch", "100ms")));
			watch.start();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> out.toString().split("Database health at", -1).length > 3);
			watch.interrupt();
			watch.join(5000);
			assertThat(watch.isAlive()).isFalse();
			assertThat(exitCode.get()).isZero();
		});
	}

	@Test
	void benchmarkMeasuresReadsAndWritesAndLeavesNothingBehind(TestInfo test) {
		runner(test).run((context) -> {
			CommandResult result = CommandResult.run(context, "benchmark", "--duration", "1s", "--threads", "2");
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).contains("Benchmark: 1.0 s, 2 threads", "role", "p50", "p95", "p99", "read ",
					"write ", "Reads served by replicas: 0 of");
			JsonNode report = json
				.readTree(CommandResult.run(context, "benchmark", "--duration", "500ms", "--threads", "1", "--json").out());
			JsonNode reads = report.get("results").get(0);
			assertThat(reads.get("role").asString()).isEqualTo("read");
			assertThat(reads.get("operations").asLong()).isPositive();
			assertThat(report.get("results").get(1).get("operations").asLong()).isPositive();
			assertThat(reads.get("p99Millis").asDouble()).isGreaterThanOrEqualTo(reads.get("p50Millis").asDouble());
			assertThat(this.jdbc.queryForObject(
					"select count(*) from pg_tables where tablename like 'chanuka_benchmark%'", Integer.class))
				.isZero();
		});
	}

	@Test
	void benchmarkIsRefusedInProductionUnlessAllowed(TestInfo test) {
		runner(test).withPropertyValues("chanuka.database.environment=production", "chanuka.database.ssl.mode=disable",
				"chanuka.database.ssl.allow-insecure-production=true")
			.run((context) -> {
				CommandResult refused = CommandResult.run(context, "benchmark", "--duration", "200ms");
				assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(DatabaseCommandLine.USAGE);
				assertThat(refused.firstErrorLine()).startsWith("Error: db benchmark is refused in production"
						+ " (environment from chanuka.database.environment): it loads the primary jdbc:postgresql://");
				assertThat(refused.err()).contains("Action: Benchmark a staging copy instead, or add --allow-production");
				assertThat(scratchTables()).isZero();
				CommandResult allowed = CommandResult.run(context, "benchmark", "--duration", "200ms", "--threads", "1",
						"--allow-production");
				assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
				assertThat(allowed.err()).doesNotContain(cluster.primary().password());
			});
	}

	@Test
	void anInterruptedBenchmarkDropsItsScratchTable(TestInfo test) {
		runner(test).run((context) -> {
			StringWriter err = new StringWriter();
			AtomicInteger exitCode = new AtomicInteger(-1);
			Thread benchmark = new Thread(() -> exitCode.set(new DatabaseCommandLine(context)
				.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "benchmark", "--duration", "60s")));
			benchmark.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> scratchTables() == 1);
			benchmark.interrupt();
			benchmark.join(10000);
			assertThat(benchmark.isAlive()).isFalse();
			assertThat(exitCode.get()).isEqualTo(DatabaseCommandLine.PROBLEM);
			assertThat(err.toString()).startsWith("Error: interrupted before it finished");
			assertThat(scratchTables()).isZero();
		});
	}

	@Test
	void aBenchmarkDropsItsScratchTableWhenTheApplicationCloses(TestInfo test) {
		runner(test).run((context) -> {
			Thread benchmark = new Thread(() -> new DatabaseCommandLine(context).execute(
					new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "benchmark", "--duration",
					"60s"));
			benchmark.setDaemon(true);
			benchmark.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> scratchTables() == 1);
			context.close();
			assertThat(scratchTables()).isZero();
			benchmark.join(10000);
			assertThat(benchmark.isAlive()).isFalse();
		});
	}

	@Test
	void aCommandTakingLongerThanItsTimeoutIsStoppedAndSaysSo(TestInfo test) {
		runner(test).run((context) -> {
			CommandResult result = CommandResult.run(context, "benchmark", "--duration", "60s", "--timeout", "500ms");
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.PROBLEM);
			assertThat(result.err()).contains("Error: db benchmark did not finish within --timeout=500ms: it was interrupted",
					"Action: Run it again with a longer --timeout");
			await().atMost(Duration.ofSeconds(10)).until(() -> scratchTables() == 0);
		});
	}

	@Test
	void verboseSaysHowLongACommandTookAndPrintsTheStackTraceOfAFailure(TestInfo test) {
		runner(test).run((context) -> {
			CommandResult result = CommandResult.run(context, "validate", "--verbose", "--json");
			assertThat(result.err()).matches("(?s)db validate finished in \\d+ ms with exit code \\d\\R");
			json.readTree(result.out());
			CommandResult quiet = CommandResult.run(context, "validate");
			assertThat(quiet.err()).isEmpty();
		});
	}

	private int scratchTables() {
		return this.jdbc.queryForObject("select count(*) from pg_tables where tablename like 'chanuka_benchmark%'",
				Integer.class);
	}

	private void seedProblems() {
		List.of("create table sponsors (id bigint primary key, name text not null)",
				"create table bills (id bigint primary key, title text not null, status text,"
						+ " sponsor_id bigint references sponsors (id))",
				"create index bills_title_idx on bills (title)", "create index bills_title_idx_copy on bills (title)",
				"create table audit_log (happened_at timestamptz, message text)",
				"insert into sponsors values (1, 'Hon. Member')",
				"insert into bills values (1, 'Finance Bill', 'draft', 1), (2, 'Orphan Bill', 'draft', null)",
				"alter table bills add constraint bills_title_not_blank check (title <> '') not valid",
				"create sequence ticket_numbers maxvalue 100", "select setval('ticket_numbers', 90)")
			.forEach(this.jdbc::execute);
		assertThatExceptionOfType(DataAccessException.class).as("duplicates leave the concurrent build invalid")
			.isThrownBy(() -> this.jdbc.execute("create unique index concurrently bills_status_key on bills (status)"));
	}

}
