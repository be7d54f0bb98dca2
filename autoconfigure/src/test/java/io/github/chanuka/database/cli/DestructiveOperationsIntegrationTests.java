package io.github.chanuka.database.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.ops.DestructiveOperationRefusedException;
import io.github.chanuka.database.ops.DestructiveOperationRefusedException.Reason;
import io.github.chanuka.database.ops.backup.BackupOperations;
import io.github.chanuka.database.ops.migration.MigrationOperations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reset and restore called through the operations themselves, not the commands, against
 * a real PostgreSQL server: the same fail-closed rule holds, and a reset never drops a
 * schema its plan did not name.
 */
@EmbeddedCluster(replicas = 0)
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in client tools are shell scripts")
class DestructiveOperationsIntegrationTests {

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
		this.jdbc.execute("create table keep_me (id int primary key)");
		return OperationsTestDatabases.runner(cluster, this.database, properties);
	}

	@Test
	void resetThroughTheOperationsNeedsTheDatabaseNamed(TestInfo test) {
		runner(test, CHANGELOG).run((context) -> {
			MigrationOperations migrations = context.getBean(MigrationOperations.class);
			assertThatExceptionOfType(DestructiveOperationRefusedException.class)
				.isThrownBy(() -> migrations.reset("postgres"))
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.WRONG_DATABASE))
				.withMessageStartingWith("'postgres' does not name the primary's database, " + this.database);
			assertThatExceptionOfType(DestructiveOperationRefusedException.class)
				.isThrownBy(() -> migrations.reset(""))
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.UNCONFIRMED));
			assertThat(tables()).contains("keep_me");
			assertThat(migrations.reset(this.database).objects()).contains("table public.keep_me");
			assertThat(tables()).doesNotContain("keep_me").contains("bills");
		});
	}

	@Test
	void resetThroughTheOperationsIsRefusedInProductionEvenOnThisMachine(TestInfo test) {
		runner(test, CHANGELOG, "chanuka.database.environment=production",
				"chanuka.database.ssl.allow-insecure-production=true", "chanuka.database.ssl.mode=disable",
				"chanuka.database.startup.connect-timeout=0")
			.run((context) -> {
				assertThatExceptionOfType(DestructiveOperationRefusedException.class)
					.isThrownBy(() -> context.getBean(MigrationOperations.class).reset(this.database))
					.withMessage("db reset is refused in production (environment from chanuka.database.environment)");
				assertThat(tables()).contains("keep_me");
			});
	}

	@Test
	void restoreThroughTheOperationsIsRefusedInProduction(TestInfo test, @TempDir Path tools) throws IOException {
		FakePgTools fake = FakePgTools.install(tools, "99.1", 0);
		Path archive = Files.writeString(tools.resolve("bills.dump"), "PGDMP fake archive");
		runner(test, "chanuka.database.backup.pg-dump-path=" + fake.pgDump(), "chanuka.database.environment=production",
				"chanuka.database.ssl.allow-insecure-production=true", "chanuka.database.ssl.mode=disable",
				"chanuka.database.startup.connect-timeout=0")
			.run((context) -> {
				assertThatExceptionOfType(DestructiveOperationRefusedException.class)
					.isThrownBy(() -> context.getBean(BackupOperations.class).restore(archive, this.database))
					.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.ENVIRONMENT));
				assertThat(fake.called("pg_restore")).isFalse();
			});
	}

	@Test
	void aSearchPathWithoutAnExistingSchemaFailsTheResetInsteadOfDroppingLiquibasesDefault(TestInfo test) {
		String url = OperationsTestDatabases.url(cluster, this.database = OperationsTestDatabases.create(cluster,
				test.getTestMethod().orElseThrow().getName()));
		this.jdbc = OperationsTestDatabases.jdbc(cluster, this.database);
		this.jdbc.execute("create table keep_me (id int primary key)");
		OperationsTestDatabases
			.runner(cluster, this.database, CHANGELOG, "chanuka.database.url=" + url + "?currentSchema=nowhere")
			.run((context) -> {
				MigrationOperations migrations = context.getBean(MigrationOperations.class);
				assertThatExceptionOfType(InvalidDatabaseConfigurationException.class)
					.isThrownBy(migrations::planReset)
					.withMessageContaining("spring.liquibase.default-schema");
				assertThatExceptionOfType(InvalidDatabaseConfigurationException.class)
					.isThrownBy(() -> migrations.reset(this.database))
					.withMessageContaining("No schema on the search_path")
					.satisfies((ex) -> assertThat(ex.getAction()).contains("spring.liquibase.default-schema"));
				assertThat(tables()).contains("keep_me");
			});
	}

	private List<String> tables() {
		return this.jdbc.queryForList("select tablename from pg_tables where schemaname = 'public'", String.class);
	}

}
