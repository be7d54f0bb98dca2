package io.github.chanuka.database.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code db setup} against a real PostgreSQL server: a database that does not exist yet,
 * extensions and a least-privilege role, created once and left alone the second time.
 */
@EmbeddedCluster(replicas = 0)
class SetupCommandIntegrationTests {

	private static final String DATABASE = "setup_bills";

	private static final String ROLE = "setup_bills_app";

	private static final String ROLE_PASSWORD = "r0le-Secret'x";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static PostgresCluster cluster;

	private JdbcTemplate admin;

	@BeforeAll
	static void useCluster(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
	}

	@BeforeEach
	void noDatabaseNoRole() {
		this.admin = new JdbcTemplate(cluster.primary().dataSource());
		this.admin.execute("drop database if exists " + DATABASE + " with (force)");
		this.admin.execute("drop role if exists " + ROLE);
	}

	private ApplicationContextRunner runner(String... properties) {
		return OperationsTestDatabases.runner(cluster, DATABASE, properties)
			.withPropertyValues("chanuka.database.setup.extensions=pgcrypto,citext",
					"chanuka.database.setup.application-role.name=" + ROLE,
					"chanuka.database.setup.application-role.password=" + ROLE_PASSWORD);
	}

	@Test
	void setupCreatesTheDeclaredDatabaseExtensionsAndRoleOnceAndTheSecondRunChangesNothing() {
		runner().run((context) -> {
			CommandResult dryRun = CommandResult.run(context, "setup", "--dry-run");
			assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(DatabaseCommandLine.OK);
			assertThat(dryRun.out()).contains("(dry run: nothing was run)",
					"would create  database " + DATABASE, "CREATE DATABASE \"" + DATABASE + "\"",
					"would create  extension pgcrypto", "CREATE ROLE \"" + ROLE + "\" LOGIN", "PASSWORD '******'");
			assertThat(databaseExists()).as("a dry run creates nothing").isFalse();

			CommandResult first = CommandResult.run(context, "setup");
			assertThat(first.exitCode()).as(first.toString()).isEqualTo(DatabaseCommandLine.OK);
			assertThat(first.out()).contains("created       database " + DATABASE,
					"created       extension pgcrypto", "created       extension citext", "created       role " + ROLE,
					"created       default table privileges in schema public for " + ROLE)
				.doesNotContain("Nothing was changed", ROLE_PASSWORD);
			assertThat(databaseExists()).isTrue();
			JdbcTemplate target = OperationsTestDatabases.jdbc(cluster, DATABASE);
			assertThat(target.queryForList("select extname from pg_extension", String.class)).contains("pgcrypto",
					"citext");

			// what migrations would do after setup, as the user that ran it
			target.execute("create table bills (id bigserial primary key, title text not null)");
			try (Connection app = connectAsRole()) {
				execute(app, "insert into bills (title) values ('by the application role')");
				// on every version: PostgreSQL 14 lets PUBLIC create in schema public, setup takes that away
				assertThatExceptionOfType(SQLException.class)
					.isThrownBy(() -> execute(app, "create table sneaky (id int)"))
					.withMessageContaining("permission denied for schema public");
				assertThatExceptionOfType(SQLException.class).isThrownBy(() -> execute(app, "drop table bills"))
					.withMessageContaining("must be owner of table bills");
			}

			assertThat(first.out()).containsAnyOf("exists        no CREATE on schema public for " + ROLE,
					"created       no CREATE on schema public for " + ROLE);
			assertThat(target.queryForObject("select has_schema_privilege('public', 'CREATE')", Boolean.class))
				.as("the user that ran setup still creates tables there").isTrue();

			CommandResult second = CommandResult.run(context, "setup", "--json");
			assertThat(second.exitCode()).as(second.toString()).isEqualTo(DatabaseCommandLine.OK);
			JsonNode steps = json.readTree(second.out()).get("steps");
			assertThat(steps.findValuesAsString("outcome")).isNotEmpty().containsOnly("EXISTS");
			CommandResult third = CommandResult.run(context, "setup");
			assertThat(third.out()).contains("Nothing was changed: everything the application declares exists.")
				.doesNotContain("created");
		});
	}

	@Test
	void setupIsRefusedInProductionUnlessForced() {
		this.admin.execute("create database " + DATABASE);
		runner("chanuka.database.environment=production", "chanuka.database.ssl.mode=disable",
				"chanuka.database.ssl.allow-insecure-production=true")
			.run((context) -> {
				CommandResult refused = CommandResult.run(context, "setup");
				assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(DatabaseCommandLine.USAGE);
				assertThat(refused.firstErrorLine()).startsWith("Error: db setup is refused in production");
				assertThat(roleExists()).isFalse();
				CommandResult dryRun = CommandResult.run(context, "setup", "--dry-run");
				assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(DatabaseCommandLine.OK);
				assertThat(roleExists()).isFalse();
				CommandResult forced = CommandResult.run(context, "setup", "--force");
				assertThat(forced.exitCode()).as(forced.toString()).isEqualTo(DatabaseCommandLine.OK);
				assertThat(forced.out()).contains("exists        database " + DATABASE, "created       role " + ROLE);
				assertThat(roleExists()).isTrue();
			});
	}

	private boolean databaseExists() {
		return this.admin.queryForObject("select count(*) from pg_database where datname = ?", Integer.class,
				DATABASE) == 1;
	}

	private boolean roleExists() {
		return this.admin.queryForObject("select count(*) from pg_roles where rolname = ?", Integer.class, ROLE) == 1;
	}

	private static Connection connectAsRole() throws SQLException {
		return DriverManager.getConnection(OperationsTestDatabases.url(cluster, DATABASE), ROLE, ROLE_PASSWORD);
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
