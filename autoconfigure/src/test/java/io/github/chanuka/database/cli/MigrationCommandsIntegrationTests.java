package io.github.chanuka.database.cli;

import java.util.List;
import java.util.Map;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code db status}, {@code migrate}, {@code rollback}, {@code reset} and the
 * changelog part of {@code validate} against a real PostgreSQL server, each test on
 * its own database.
 */
@EmbeddedCluster(replicas = 0)
class MigrationCommandsIntegrationTests {

	private static final String CHANGELOG = "spring.liquibase.change-log=classpath:db/ops/changelog.yaml";

	private static PostgresCluster cluster;

	private String database;

	private JdbcTemplate jdbc;

	@BeforeAll
	static void useCluster(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
	}

	private ApplicationContextRunner runner(TestInfo test, String... properties) {
		this.database = OperationsTestDatabases.create(cluster, test.getTestMethod().orElseThrow().getName());
		this.jdbc = OperationsTestDatabases.jdbc(cluster, this.database);
		return OperationsTestDatabases.runner(cluster, this.database, properties);
	}

	@Test
	void statusListsPendingChangesetsAndExitsOneUntilMigrated(TestInfo test) {
		runner(test, CHANGELOG).run((context) -> {
			CommandResult before = CommandResult.run(context, "status");
			assertThat(before.exitCode()).as(before.toString()).isEqualTo(DatabaseCommandLine.PROBLEM);
			assertThat(before.out()).contains("Changelog: classpath:db/ops/changelog.yaml", "Applied:   0",
					"Pending:   3", "create-bills (chanuka)", "create-motions (chanuka)",
					"The database is behind the changelog: run 'db migrate'.");
			CommandResult migrate = CommandResult.run(context, "migrate");
			assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
			assertThat(migrate.out()).startsWith("Applied 3 changesets to jdbc:postgresql://")
				.contains("create-motions (chanuka)");
			assertThat(appliedChangesets()).isEqualTo(3);
			CommandResult after = CommandResult.run(context, "status", "--json");
			assertThat(after.exitCode()).isZero();
			assertThat(after.out()).contains("\"pending\" : [ ]", "\"id\" : \"create-bills\"", "\"tag\" : \"first-release\"");
			assertThat(CommandResult.run(context, "migrate").out()).startsWith("Nothing to apply:");
		});
	}

	@Test
	void migrateDryRunPrintsTheSqlAndChangesNothing(TestInfo test) {
		runner(test, CHANGELOG).run((context) -> {
			CommandResult result = CommandResult.run(context, "migrate", "--dry-run");
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).contains("Dry run: 3 changesets would be applied to", "SQL that would run:",
					"CREATE TABLE public.bills", "CREATE INDEX motions_bill_idx", "Nothing was changed.");
			assertThat(appliedChangesets()).isZero();
			assertThat(this.jdbc.queryForList("select tablename from pg_tables where schemaname = 'public'")).isEmpty();
			CommandResult json = CommandResult.run(context, "migrate", "--dry-run", "--json");
			assertThat(json.out()).contains("\"dryRun\" : true", "\"sql\" : \"");
			assertThat(appliedChangesets()).isZero();
		});
	}

	@Test
	void rollbackByCountRemovesTheLastChangeset(TestInfo test) {
		runner(test, CHANGELOG).run((context) -> {
			assertThat(CommandResult.run(context, "migrate").exitCode()).isZero();
			CommandResult dryRun = CommandResult.run(context, "rollback", "--count", "1", "--dry-run");
			assertThat(dryRun.out()).contains("Dry run: 1 changeset would be rolled back", "DROP TABLE public.motions");
			assertThat(appliedChangesets()).isEqualTo(3);
			CommandResult result = CommandResult.run(context, "rollback", "--count", "1");
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).contains("Rolled back 1 changeset on", "create-motions (chanuka)");
			assertThat(appliedIds()).containsExactly("create-bills", "tag-first-release");
			assertThat(this.jdbc.queryForObject("select to_regclass('motions') is null", Boolean.class)).isTrue();
		});
	}

	@Test
	void rollbackToTagRemovesEverythingAppliedAfterIt(TestInfo test) {
		runner(test, CHANGELOG).run((context) -> {
			CommandResult.run(context, "migrate");
			CommandResult unknown = CommandResult.run(context, "rollback", "--tag", "nope");
			assertThat(unknown.exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
			assertThat(unknown.err()).contains("No applied changeset", "Action: Use one of the tags first-release");
			CommandResult dryRun = CommandResult.run(context, "rollback", "--tag", "first-release", "--dry-run");
			assertThat(dryRun.out()).contains("Dry run: 2 changesets would be rolled back", "create-motions (chanuka)",
					"tag-first-release (chanuka)", "DROP TABLE public.motions");
			CommandResult result = CommandResult.run(context, "rollback", "--tag", "first-release", "--json");
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).contains("\"id\" : \"create-motions\"", "\"id\" : \"tag-first-release\"",
					"\"dryRun\" : false");
			// Liquibase rolls back the tagDatabase changeset that set the tag too, so that migrating tags again
			assertThat(appliedIds()).containsExactly("create-bills");
		});
	}

	@Test
	void rollbackOfMoreChangesetsThanAppliedIsRefused(TestInfo test) {
		runner(test, CHANGELOG).run((context) -> {
			CommandResult.run(context, "migrate");
			CommandResult result = CommandResult.run(context, "rollback", "--count", "5");
			assertThat(result.exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
			assertThat(result.firstErrorLine()).contains("Only 3 changeset(s) are applied", "--count=5");
			assertThat(appliedChangesets()).isEqualTo(3);
		});
	}

	@Test
	void resetIsRefusedInProductionWhateverTheFlags(TestInfo test) {
		runner(test, CHANGELOG, "chanuka.database.environment=production", "chanuka.database.ssl.mode=disable",
				"chanuka.database.ssl.allow-insecure-production=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CommandResult.run(context, "migrate");
				CommandResult result = CommandResult.run(context, "reset", "--force=" + this.database);
				assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.USAGE);
				assertThat(result.firstErrorLine()).isEqualTo(
						"Error: db reset is refused in production (environment from chanuka.database.environment)");
				assertThat(result.err()).contains("Action: It runs only in an explicit development or test environment");
				assertThat(appliedChangesets()).isEqualTo(3);
				assertThat(CommandResult.run(context, "reset").exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
			});
	}

	@Test
	void resetWithoutForceSaysWhatItWouldDoAndWithForceDoesIt(TestInfo test) {
		runner(test, CHANGELOG).run((context) -> {
			CommandResult.run(context, "migrate");
			this.jdbc.execute("insert into bills (title) values ('Finance Bill')");
			this.jdbc.execute("create table scratch (id int primary key)");
			CommandResult plan = CommandResult.run(context, "reset");
			assertThat(plan.exitCode()).as(plan.toString()).isZero();
			assertThat(plan.out()).contains("db reset would drop", "in schema public of jdbc:postgresql://",
					"(environment development)", "table public.scratch", "table public.bills",
					"and then apply 3 changesets:",
					"Nothing was changed: run 'db reset --force=" + this.database + "' to do it.");
			assertThat(this.jdbc.queryForObject("select count(*) from bills", Integer.class)).isOne();
			CommandResult reset = CommandResult.run(context, "reset", "--force=" + this.database, "--verbose");
			assertThat(reset.exitCode()).as(reset.toString()).isZero();
			assertThat(reset.out()).startsWith("Dropped ").contains("and applied 3 changesets:");
			assertThat(reset.err()).contains("db reset allowed on " + this.database + ": the primary is on this machine",
					"db reset finished in ");
			assertThat(this.jdbc.queryForObject("select count(*) from bills", Integer.class)).isZero();
			assertThat(this.jdbc.queryForObject("select to_regclass('scratch') is null", Boolean.class)).isTrue();
			assertThat(appliedChangesets()).isEqualTo(3);
		});
	}

	@Test
	void resetWithAPlainForceIsAUsageErrorAndChangesNothing(TestInfo test) {
		runner(test, CHANGELOG).run((context) -> {
			CommandResult.run(context, "migrate");
			this.jdbc.execute("insert into bills (title) values ('Finance Bill')");
			CommandResult result = CommandResult.run(context, "reset", "--force");
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.USAGE);
			assertThat(result.firstErrorLine()).isEqualTo("Error: --force must name the database db reset changes,"
					+ " to show it is the intended one: --force=" + this.database);
			assertThat(result.err()).contains("Usage: db reset");
			assertThat(result.out()).isEmpty();
			CommandResult otherDatabase = CommandResult.run(context, "reset", "--force=bills");
			assertThat(otherDatabase.exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
			assertThat(otherDatabase.firstErrorLine())
				.startsWith("Error: --force=bills does not name the primary's database, " + this.database);
			assertThat(this.jdbc.queryForObject("select count(*) from bills", Integer.class)).isOne();
			assertThat(appliedChangesets()).isEqualTo(3);
		});
	}

	@Test
	void resetOfAPrimaryNotOnThisMachineNeedsAnExplicitDevelopmentOrTestEnvironment(TestInfo test) {
		ApplicationContextRunner runner = runner(test, CHANGELOG);
		// a failover list with a remote host: the embedded primary answers, but the list is not all local
		String url = OperationsTestDatabases.url(cluster, this.database)
			.replace("/" + this.database, ",db.example.com:5432/" + this.database);
		runner.withPropertyValues("chanuka.database.url=" + url).run((context) -> {
			CommandResult.run(context, "migrate");
			this.jdbc.execute("insert into bills (title) values ('Finance Bill')");
			CommandResult result = CommandResult.run(context, "reset", "--force=" + this.database);
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.USAGE);
			assertThat(result.firstErrorLine()).isEqualTo("Error: db reset is refused: the primary " + url
					+ " is not on this machine, and the environment is development only by default");
			assertThat(result.err()).contains("Action: If this database may be overwritten, say so with"
					+ " chanuka.database.environment=development (or test)");
			assertThat(this.jdbc.queryForObject("select count(*) from bills", Integer.class)).isOne();
		});
		runner.withPropertyValues("chanuka.database.url=" + url, "chanuka.database.environment=test").run((context) -> {
			CommandResult result = CommandResult.run(context, "reset", "--force=" + this.database);
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(this.jdbc.queryForObject("select count(*) from bills", Integer.class)).isZero();
		});
	}

	@Test
	void resetAlsoForgetsAChangelogKeptInItsOwnSchema(TestInfo test) {
		ApplicationContextRunner runner = runner(test, CHANGELOG, "spring.liquibase.liquibase-schema=migrations");
		this.jdbc.execute("create schema migrations");
		runner.run((context) -> {
			CommandResult.run(context, "migrate");
			this.jdbc.execute("insert into bills (title) values ('Finance Bill')");
			CommandResult reset = CommandResult.run(context, "reset", "--force=" + this.database, "--json");
			assertThat(reset.exitCode()).as(reset.toString()).isZero();
			assertThat(reset.out()).contains("\"schema\" : \"public\"", "\"table public.bills\"");
			assertThat(this.jdbc.queryForObject("select count(*) from bills", Integer.class)).isZero();
			assertThat(this.jdbc.queryForObject("select count(*) from migrations.databasechangelog", Integer.class))
				.isEqualTo(3);
		});
	}

	@Test
	void aMissingChangelogIsAConfigurationErrorNamingTheProperty(TestInfo test) {
		runner(test, "spring.liquibase.change-log=classpath:db/ops/missing.yaml").run((context) -> {
			CommandResult result = CommandResult.run(context, "migrate");
			assertThat(result.exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
			assertThat(result.err()).contains(
					"Error: There is no Liquibase changelog at this location (spring.liquibase.change-log=classpath:db/ops/missing.yaml)",
					"Action: Create the changelog there, or set spring.liquibase.change-log");
		});
	}

	@Test
	void validateReportsAChangesetEditedAfterItRan(TestInfo test) {
		runner(test, CHANGELOG).run((context) -> assertThat(CommandResult.run(context, "migrate").exitCode()).isZero());
		OperationsTestDatabases.runner(cluster, this.database,
				"spring.liquibase.change-log=classpath:db/ops/changelog-edited.yaml")
			.run((context) -> {
				CommandResult result = CommandResult.run(context, "validate");
				assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.PROBLEM);
				assertThat(result.out()).as(result.toString()).contains("ERROR    changelog-checksum",
						"applied changeset was edited since it ran", "create-bills");
			});
	}

	private int appliedChangesets() {
		Boolean exists = this.jdbc.queryForObject("select to_regclass('databasechangelog') is not null", Boolean.class);
		return Boolean.TRUE.equals(exists)
				? this.jdbc.queryForObject("select count(*) from databasechangelog", Integer.class) : 0;
	}

	private List<String> appliedIds() {
		return this.jdbc.queryForList("select id from databasechangelog order by orderexecuted")
			.stream()
			.map((Map<String, Object> row) -> (String) row.get("id"))
			.toList();
	}

}
