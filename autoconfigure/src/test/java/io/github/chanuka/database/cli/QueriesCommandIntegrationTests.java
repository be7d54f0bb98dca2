package io.github.chanuka.database.cli;

import java.util.List;

import io.github.chanuka.database.autoconfigure.ChanukaDatabaseEndpointAutoConfiguration;
import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.ops.DatabaseEndpoint;
import io.github.chanuka.database.ops.statements.StatementReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code db queries} and {@code /actuator/database/queries} on an embedded primary that
 * loads {@code pg_stat_statements} (the Maven-shipped binaries include it).
 */
@EmbeddedCluster(replicas = 0, settings = { "shared_preload_libraries=pg_stat_statements",
		"pg_stat_statements.track=top" })
class QueriesCommandIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static PostgresCluster cluster;

	private JdbcTemplate jdbc;

	private String database;

	@BeforeAll
	static void useCluster(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
	}

	private ApplicationContextRunner runner(TestInfo test) {
		this.database = OperationsTestDatabases.create(cluster, test.getTestMethod().orElseThrow().getName());
		this.jdbc = OperationsTestDatabases.jdbc(cluster, this.database);
		return OperationsTestDatabases.runner(cluster, this.database)
			.withConfiguration(AutoConfigurations.of(ChanukaDatabaseEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=database");
	}

	@Test
	void queriesListsTheStatementsTheTestRanWithCallsTimeRowsAndShare(TestInfo test) {
		ApplicationContextRunner runner = runner(test);
		this.jdbc.execute("create extension pg_stat_statements");
		this.jdbc.execute("create table bills (id int primary key, title text not null)");
		this.jdbc.execute("insert into bills select n, 'bill ' || n from generate_series(1, 500) n");
		for (int i = 0; i < 40; i++) {
			this.jdbc.queryForObject("select title from bills where id = " + (i + 1), String.class);
		}
		for (int i = 0; i < 3; i++) {
			// the sleep makes it the costliest statement however loaded the machine is
			this.jdbc.queryForObject(
					"select count(*) from bills b1 cross join bills b2, pg_sleep(0.1) where b1.id < b2.id + 'x'"
					.replace(" + 'x'", " + " + i), Long.class);
		}
		runner.run((context) -> {
			CommandResult result = CommandResult.run(context, "queries", "--json");
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.OK);
			JsonNode report = json.readTree(result.out());
			assertThat(report.get("database").asString()).isEqualTo(this.database);
			JsonNode statements = report.get("statements");
			assertThat(statements.size()).isLessThanOrEqualTo(10);
			JsonNode lookup = statement(statements, "select title from bills where id = $1");
			assertThat(lookup.get("calls").asLong()).isEqualTo(40);
			assertThat(lookup.get("rows").asLong()).isEqualTo(40);
			assertThat(lookup.get("totalTimeMs").asDouble()).isPositive();
			JsonNode join = statement(statements,
					"select count(*) from bills b1 cross join bills b2, pg_sleep($1) where b1.id < b2.id + $2");
			assertThat(join.get("calls").asLong()).isEqualTo(3);
			assertThat(statements.get(0).get("query").asString()).as("the cross join costs most")
				.isEqualTo(join.get("query").asString());
			assertThat(join.get("sharePercent").asDouble()).isBetween(1.0, 100.0);
			double shares = 0;
			for (JsonNode statement : statements) {
				shares += statement.get("sharePercent").asDouble();
			}
			assertThat(shares).isLessThanOrEqualTo(100.1);
			assertThat(result.out()).doesNotContain("bill 1", "'x'");

			CommandResult top1 = CommandResult.run(context, "queries", "--top", "1", "--by", "mean_time");
			assertThat(top1.exitCode()).as(top1.toString()).isEqualTo(DatabaseCommandLine.OK);
			assertThat(top1.out()).contains("Top 1 statement of database", "by mean time", "SHARE", "CALLS",
					"select count(*) from bills b1 cross join bills b2, pg_sleep($1) where b1.id < b2.id + $2");
			assertThat(top1.out().lines().count()).isEqualTo(3);

			StatementReport served = (StatementReport) context.getBean(DatabaseEndpoint.class).report("queries");
			assertThat(served.isAvailable()).isTrue();
			assertThat(served.statements()).extracting((statement) -> statement.query())
				.contains("select title from bills where id = $1");
		});
	}

	@Test
	void queriesOnADatabaseWithoutTheExtensionSaysHowToCreateIt(TestInfo test) {
		runner(test).run((context) -> {
			CommandResult result = CommandResult.run(context, "queries");
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.PROBLEM);
			assertThat(result.out()).isEmpty();
			assertThat(result.err().lines().toList()).containsExactly(
					"Error: pg_stat_statements is loaded by the server but not installed in database "
							+ this.database,
					"Action: Run CREATE EXTENSION pg_stat_statements; in database " + this.database
							+ " (db setup does it when chanuka.database.setup.extensions lists pg_stat_statements)");
		});
	}

	@Test
	void aTopBelowOneIsAUsageError(TestInfo test) {
		runner(test).run((context) -> {
			CommandResult result = CommandResult.run(context, "queries", "--top", "0");
			assertThat(result.exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
			assertThat(result.firstErrorLine()).isEqualTo("Error: --top must be between 1 and 1000, was 0");
		});
	}

	private static JsonNode statement(JsonNode statements, String query) {
		List<JsonNode> matching = statements.valueStream()
			.filter((statement) -> statement.get("query").asString().equals(query))
			.toList();
		assertThat(matching).as("%s in %s", query, statements).hasSize(1);
		return matching.get(0);
	}

}
