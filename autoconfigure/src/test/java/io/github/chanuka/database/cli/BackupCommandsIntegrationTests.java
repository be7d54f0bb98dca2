package io.github.chanuka.database.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.ops.backup.BackupException;
import io.github.chanuka.database.ops.backup.BackupOperations;
import io.github.chanuka.database.ops.backup.BackupSchedule;
import io.github.chanuka.database.ops.backup.BackupSettings;
import org.junit.jupiter.api.Assumptions;
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
import static org.awaitility.Awaitility.await;

/**
 * {@code db backup} and {@code db restore} against a real PostgreSQL server: with the
 * real client tools when they can serve the server, and with stand-ins that record what
 * the tools receive.
 */
@EmbeddedCluster(replicas = 0)
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in client tools are shell scripts")
class BackupCommandsIntegrationTests {

	private static PostgresCluster cluster;

	/**
	 * The embedded server's major version, which the CI matrix varies
	 * ({@code -Dembedded-postgres-binaries.version}).
	 */
	private static String serverMajorVersion() {
		return String.valueOf(new JdbcTemplate(cluster.primary().dataSource())
			.queryForObject("select current_setting('server_version_num')::int / 10000", Integer.class));
	}

	private String database;

	@BeforeAll
	static void useCluster(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
	}

	private ApplicationContextRunner runner(TestInfo test, String... properties) {
		this.database = OperationsTestDatabases.create(cluster, test.getTestMethod().orElseThrow().getName());
		return OperationsTestDatabases.runner(cluster, this.database, properties);
	}

	@Test
	void backupAndRestoreIntoAFreshDatabaseRoundTripTheData(TestInfo test, @TempDir Path directory) {
		ApplicationContextRunner source = runner(test);
		AtomicReference<String> refusal = new AtomicReference<>();
		source.run((context) -> {
			CommandResult probe = CommandResult.run(context, "backup", "--output", directory.resolve("probe.dump").toString());
			if (probe.exitCode() == DatabaseCommandLine.USAGE) {
				refusal.set(probe.firstErrorLine());
			}
		});
		Assumptions.assumeTrue(refusal.get() == null,
				() -> "Skipped: no pg_dump on this machine can back up the PostgreSQL server under test: " + refusal.get());
		JdbcTemplate sourceJdbc = OperationsTestDatabases.jdbc(cluster, this.database);
		sourceJdbc.execute("create table bills (id bigint primary key, title text not null)");
		sourceJdbc.execute("insert into bills select n, 'Bill ' || n from generate_series(1, 250) n");
		Path backup = directory.resolve("bills.dump");
		source.run((context) -> {
			CommandResult result = CommandResult.run(context, "backup", "--output", backup.toString());
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).contains("Backed up", "entries verified with pg_restore --list");
		});
		String restored = OperationsTestDatabases.create(cluster, "restored_bills");
		OperationsTestDatabases.runner(cluster, restored).run((context) -> {
			CommandResult result = CommandResult.run(context, "restore", "--input", backup.toString(),
					"--force=" + restored);
			assertThat(result.exitCode()).as(result.toString()).isZero();
		});
		assertThat(OperationsTestDatabases.jdbc(cluster, restored).queryForObject("select count(*) from bills", Long.class))
			.isEqualTo(250);
	}

	@Test
	void aClientOlderThanTheServerIsRefusedWithTheVersionsAndTheFix(TestInfo test, @TempDir Path tools) {
		FakePgTools old = FakePgTools.install(tools, "9.6.24", 0);
		String server = serverMajorVersion();
		runner(test, "chanuka.database.backup.pg-dump-path=" + old.pgDump()).run((context) -> {
			CommandResult result = CommandResult.run(context, "backup", "--output", tools.resolve("x.dump").toString());
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.USAGE);
			assertThat(result.firstErrorLine()).startsWith("Error: pg_dump 9.6.24 (" + old.pgDump() + ") is older than the"
					+ " PostgreSQL " + server + " server at jdbc:postgresql://");
			assertThat(result.err()).contains("Action: Install the PostgreSQL " + server
					+ " client tools (such as the package postgresql-client-" + server
					+ ") and put them first on the PATH, or set chanuka.database.backup.pg-dump-path");
			assertThat(old.called("pg_dump")).isFalse();
		});
	}

	@Test
	void thePgDumpOnThePathIsRefusedWhenOlderThanTheServer(TestInfo test, @TempDir Path directory) {
		String server = serverMajorVersion();
		runner(test).run((context) -> {
			CommandResult result = CommandResult.run(context, "backup", "--output", directory.resolve("x.dump").toString());
			Assumptions.assumeTrue(result.exitCode() == DatabaseCommandLine.USAGE && result.err().contains("is older than"),
					() -> "Skipped: the pg_dump on the PATH is missing or can serve the server: " + result);
			assertThat(result.firstErrorLine()).matches("Error: pg_dump [0-9.]+ \\(.*pg_dump\\) is older than the"
					+ " PostgreSQL " + server + " server at jdbc:postgresql://.*: it cannot back up a newer server");
			assertThat(directory.resolve("x.dump")).doesNotExist();
		});
	}

	@Test
	void thePasswordReachesTheToolsThroughTheEnvironmentOnly(TestInfo test, @TempDir Path tools) {
		FakePgTools fake = FakePgTools.install(tools, "99.1", 0);
		String password = cluster.primary().password();
		runner(test, "chanuka.database.backup.pg-dump-path=" + fake.pgDump()).run((context) -> {
			Path backup = tools.resolve("out").resolve("bills.dump");
			CommandResult result = CommandResult.run(context, "backup", "--output", backup.toString());
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).contains("to " + backup + ": 18 bytes, 3 entries verified with pg_restore --list,"
					+ " made by pg_dump 99.1 (" + fake.pgDump() + ")");
			assertThat(fake.password("pg_dump")).isEqualTo(password);
			assertThat(fake.arguments("pg_dump")).contains("--format=custom", "--no-password", "--file=" + backup)
				.anySatisfy((argument) -> assertThat(argument).startsWith("--dbname=host='localhost' port='")
					.contains("dbname='" + this.database + "'"))
				.noneSatisfy((argument) -> assertThat(argument).contains(password));
			CommandResult again = CommandResult.run(context, "backup", "--output", backup.toString(), "--json");
			assertThat(again.exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
			assertThat(again.firstErrorLine()).isEqualTo("Error: " + backup + " already exists");
			assertThat(result.out() + result.err() + again.err()).doesNotContain(password);
		});
	}

	@Test
	void restoreWithoutForceOnlyVerifiesAndWithForceRestoresInOneTransaction(TestInfo test, @TempDir Path tools)
			throws Exception {
		FakePgTools fake = FakePgTools.install(tools, "99.1", 0);
		Path backup = Files.writeString(tools.resolve("bills.dump"), "PGDMP fake archive");
		runner(test, "chanuka.database.backup.pg-dump-path=" + fake.pgDump()).run((context) -> {
			CommandResult preview = CommandResult.run(context, "restore", "--input", backup.toString());
			assertThat(preview.exitCode()).as(preview.toString()).isZero();
			assertThat(preview.out()).contains("db restore would replace the objects in jdbc:postgresql://",
					"with the 3 entries of " + backup,
					"Nothing was changed: run it again with --force=" + this.database + " to restore.");
			assertThat(fake.called("pg_restore")).isFalse();
			CommandResult plainForce = CommandResult.run(context, "restore", "--input", backup.toString(), "--force");
			assertThat(plainForce.exitCode()).as(plainForce.toString()).isEqualTo(DatabaseCommandLine.USAGE);
			assertThat(plainForce.firstErrorLine()).isEqualTo("Error: --force must name the database db restore changes,"
					+ " to show it is the intended one: --force=" + this.database);
			assertThat(plainForce.err()).contains("Usage: db restore");
			assertThat(fake.called("pg_restore")).isFalse();
			CommandResult restore = CommandResult.run(context, "restore", "--input", backup.toString(),
					"--force=" + this.database, "--json");
			assertThat(restore.exitCode()).as(restore.toString()).isZero();
			assertThat(restore.out()).contains("\"restored\" : true", "\"entries\" : 3");
			assertThat(fake.arguments("pg_restore")).contains("--clean", "--if-exists", "--single-transaction",
					"--exit-on-error", backup.toString());
			assertThat(fake.password("pg_restore")).isEqualTo(cluster.primary().password());
			CommandResult notAnArchive = CommandResult.run(context, "restore", "--input",
					Files.writeString(tools.resolve("notes.txt"), "hello").toString(), "--force=" + this.database);
			assertThat(notAnArchive.exitCode()).isEqualTo(DatabaseCommandLine.PROBLEM);
			assertThat(notAnArchive.firstErrorLine()).contains("is not a readable custom-format backup",
					"input file is not a valid archive");
			CommandResult missing = CommandResult.run(context, "restore", "--input", tools.resolve("none.dump").toString());
			assertThat(missing.exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
			assertThat(missing.firstErrorLine()).endsWith("none.dump is not a readable file");
		});
	}

	@Test
	void aFailingPgDumpLeavesNoFileAndSaysWhy(TestInfo test, @TempDir Path tools) {
		FakePgTools failing = FakePgTools.install(tools, "99.1", 2);
		runner(test, "chanuka.database.backup.pg-dump-path=" + failing.pgDump()).run((context) -> {
			Path backup = tools.resolve("bills.dump");
			CommandResult result = CommandResult.run(context, "backup", "--output", backup.toString());
			assertThat(result.exitCode()).isEqualTo(DatabaseCommandLine.PROBLEM);
			assertThat(result.firstErrorLine()).contains("pg_dump failed to back up",
					"pg_dump: error: connection to server failed");
			assertThat(backup).doesNotExist();
		});
	}

	@Test
	void aPgDumpPathThatIsNotAnExecutableIsAConfigurationError(TestInfo test, @TempDir Path tools) {
		runner(test, "chanuka.database.backup.pg-dump-path=" + tools.resolve("nowhere/pg_dump")).run((context) -> {
			CommandResult result = CommandResult.run(context, "backup");
			assertThat(result.exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
			assertThat(result.err()).contains("pg-dump-path=" + tools.resolve("nowhere/pg_dump") + " is not an executable file",
					"Action: Point chanuka.database.backup.pg-dump-path at the pg_dump of the PostgreSQL client tools");
		});
	}

	@Test
	void scheduledBackupsRunOnTheCronAndKeepTheNewest(TestInfo test, @TempDir Path tools, @TempDir Path backups) {
		FakePgTools fake = FakePgTools.install(tools, "99.1", 0);
		runner(test).run((context) -> {
			BackupOperations operations = new BackupOperations(context.getBean(DatabaseTopology.class).primary(),
					new BackupSettings(backups, fake.pgDump(), null));
			BackupSchedule schedule = new BackupSchedule(operations, backups, "* * * * * *", 2);
			for (int i = 0; i < 3; i++) {
				assertThat(schedule.backupNow().file()).startsWith(backups);
			}
			assertThat(dumps(backups)).hasSize(2).allMatch((name) -> name.matches(this.database + "-\\d{8}-\\d{6}-\\d{3}\\.dump"));
			long before = fake.pgDumpCalls();
			schedule.start();
			try {
				await().atMost(Duration.ofSeconds(10)).until(() -> fake.pgDumpCalls() >= before + 2);
			}
			finally {
				schedule.stop();
			}
			assertThat(schedule.isRunning()).isFalse();
			assertThat(dumps(backups)).hasSize(2);
		});
	}

	@Test
	void backupsWithoutAnOutputGoToTheBackupDirectory(TestInfo test, @TempDir Path tools, @TempDir Path backups) {
		FakePgTools fake = FakePgTools.install(tools, "99.1", 0);
		runner(test, "chanuka.database.backup.pg-dump-path=" + fake.pgDump(),
				"chanuka.database.backup.directory=" + backups)
			.run((context) -> {
				CommandResult result = CommandResult.run(context, "backup", "--json");
				assertThat(result.exitCode()).as(result.toString()).isZero();
				assertThat(result.out()).contains("\"entries\" : 3", "\"tool\" : \"pg_dump 99.1");
				assertThat(dumps(backups)).singleElement().asString().startsWith(this.database + "-");
			});
	}

	@Test
	void backupExceptionsSayWhetherTheSetUpIsAtFault() {
		assertThat(new BackupException("m", "a", true).isConfigurationProblem()).isTrue();
		assertThat(new BackupException("m", "a", false).getAction()).isEqualTo("a");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new BackupSchedule(null, Path.of("."), "not cron", 1));
	}

	private static List<String> dumps(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).filter((name) -> name.endsWith(".dump")).toList();
		}
	}

}
