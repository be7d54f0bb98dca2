package io.github.chanuka.database.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code db backup --verify restore} with the machine's real {@code pg_dump} and
 * {@code pg_restore} against a server of their major version: a good dump restores to the
 * same row counts, a truncated or filtered one fails naming why, and no scratch database
 * is left behind either way.
 */
@EmbeddedCluster(replicas = 0, matchClientTools = true)
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the pg_dump wrappers are shell scripts")
class BackupRestoreVerificationIntegrationTests {

	private static PostgresCluster cluster;

	private String database;

	@BeforeAll
	static void useCluster(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
	}

	private ApplicationContextRunner runner(TestInfo test, String... properties) {
		this.database = OperationsTestDatabases.create(cluster, test.getTestMethod().orElseThrow().getName());
		JdbcTemplate jdbc = OperationsTestDatabases.jdbc(cluster, this.database);
		jdbc.execute("create table bills (id bigint primary key, title text not null)");
		jdbc.execute("insert into bills select n, 'Bill ' || n from generate_series(1, 2500) n");
		jdbc.execute("create schema \"Audit\"");
		jdbc.execute("create table \"Audit\".\"Entries\" (id int)");
		jdbc.execute("insert into \"Audit\".\"Entries\" select generate_series(1, 10)");
		return OperationsTestDatabases.runner(cluster, this.database, properties);
	}

	@Test
	void aVerifiedBackupRestoresToTheSameRowCountsAndDropsItsScratchDatabase(TestInfo test, @TempDir Path directory) {
		runner(test).run((context) -> {
			CommandResult result = CommandResult.run(context, "backup", "--output",
					directory.resolve("bills.dump").toString(), "--verify", "restore");
			assumeToolsServeTheServer(result);
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).contains("entries verified with pg_restore --list",
					"Restored it into the scratch database chanuka_verify_", "2 tables, 2510 rows");
			CommandResult json = CommandResult.run(context, "backup", "--output",
					directory.resolve("again.dump").toString(), "--verify=RESTORE", "--json");
			assertThat(json.out()).contains("\"restoreCheck\"", "\"tables\" : 2", "\"rows\" : 2510");
		});
		assertThat(scratchDatabases()).isEmpty();
	}

	@Test
	void scratchDatabasesLeftByAnUnfinishedCheckAreDroppedAndACurrentOneIsLeftAlone(TestInfo test,
			@TempDir Path directory) {
		JdbcTemplate primary = new JdbcTemplate(cluster.primary().dataSource());
		String abandoned = "chanuka_verify_20200101_000000_000_dead";
		String current = "chanuka_verify_" + DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS")
			.format(LocalDateTime.now(ZoneOffset.UTC)) + "_cafe";
		primary.execute("create database " + abandoned);
		primary.execute("create database " + current);
		try {
			runner(test).run((context) -> {
				CommandResult result = CommandResult.run(context, "backup", "--output",
						directory.resolve("bills.dump").toString(), "--verify", "restore");
				assumeToolsServeTheServer(result);
				assertThat(result.exitCode()).as(result.toString()).isZero();
			});
			assertThat(scratchDatabases()).as("a check another instance may still run is left alone")
				.containsExactly(current);
		}
		finally {
			primary.execute("drop database if exists " + abandoned);
			primary.execute("drop database if exists " + current);
		}
	}

	@Test
	void aTruncatedDumpFailsTheVerificationWithExitOne(TestInfo test, @TempDir Path directory) throws IOException {
		Path wrapper = pgDumpWrapper(directory, "size=$(wc -c < \"$file\"); truncate -s $((size / 2)) \"$file\"");
		runner(test, "chanuka.database.backup.pg-dump-path=" + wrapper).run((context) -> {
			CommandResult result = CommandResult.run(context, "backup", "--output",
					directory.resolve("cut.dump").toString(), "--verify", "restore");
			assumeToolsServeTheServer(result);
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.PROBLEM);
			assertThat(result.firstErrorLine()).containsAnyOf("does not restore (tried in the scratch database",
					"is not a readable custom-format backup");
			assertThat(result.err()).doesNotContain(cluster.primary().password());
		});
		assertThat(scratchDatabases()).isEmpty();
	}

	@Test
	void aDumpMissingATablesRowsFailsNamingTheTable(TestInfo test, @TempDir Path directory) throws IOException {
		Path wrapper = pgDumpWrapper(directory, null, "--exclude-table-data=public.bills");
		runner(test, "chanuka.database.backup.pg-dump-path=" + wrapper).run((context) -> {
			CommandResult result = CommandResult.run(context, "backup", "--output",
					directory.resolve("filtered.dump").toString(), "--verify", "restore");
			assumeToolsServeTheServer(result);
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.PROBLEM);
			assertThat(result.firstErrorLine()).contains("with other row counts than the source had when it was dumped:",
					"public.bills (2500 rows in the source, 0 rows restored)")
				.doesNotContain("Entries");
			assertThat(result.err()).contains("Do not rely on this backup", "The file was moved to ");
			assertThat(directory.resolve("filtered.dump")).as("left where retention and restore would take it")
				.doesNotExist();
			assertThat(directory.resolve("filtered.dump.unverified")).exists();
		});
		assertThat(scratchDatabases()).isEmpty();
	}

	@Test
	void aRestoreReportsObjectsDoneOutOfTheBackupsEntriesOnStandardError(TestInfo test, @TempDir Path directory) {
		Path backup = directory.resolve("bills.dump");
		AtomicInteger entries = new AtomicInteger();
		runner(test).run((context) -> {
			CommandResult result = CommandResult.run(context, "backup", "--output", backup.toString(), "--json");
			assumeToolsServeTheServer(result);
			assertThat(result.exitCode()).as(result.toString()).isZero();
			entries.set(JsonMapper.builder().build().readTree(result.out()).get("entries").asInt());
		});
		String restored = OperationsTestDatabases.create(cluster, "restored_with_progress");
		OperationsTestDatabases.runner(cluster, restored).run((context) -> {
			CommandResult result = CommandResult.run(context, "restore", "--input", backup.toString(),
					"--force=" + restored);
			assertThat(result.exitCode()).as(result.toString()).isZero();
			List<String> progress = result.err().lines().filter((line) -> line.startsWith("Restoring: ")).toList();
			int total = entries.get();
			assertThat(progress).as(result.err()).hasSizeGreaterThanOrEqualTo(3)
				.allMatch((line) -> line.matches("Restoring: \\d+/" + total + " objects \\(\\d+%\\), last .+"));
			assertThat(progress.get(progress.size() - 1)).startsWith("Restoring: " + total + "/" + total + " objects (100%)");
			assertThat(progress).anyMatch((line) -> line.endsWith("last TABLE DATA public.bills"));
			assertThat(result.out()).doesNotContain("Restoring:").contains("Restored ");
		});
		assertThat(OperationsTestDatabases.jdbc(cluster, restored).queryForObject("select count(*) from bills", Long.class))
			.isEqualTo(2500);
	}

	private static List<String> scratchDatabases() {
		return new JdbcTemplate(cluster.primary().dataSource())
			.queryForList("select datname from pg_database where datname like 'chanuka\\_verify\\_%'", String.class);
	}

	private static void assumeToolsServeTheServer(CommandResult result) {
		Assumptions.assumeFalse(result.exitCode() == DatabaseCommandLine.USAGE && result.err().contains("is older than"),
				() -> "Skipped: the pg_dump or pg_restore on this machine cannot serve the server under test: "
						+ result.firstErrorLine());
	}

	private static Path pgDumpWrapper(Path directory, String afterDump, String... extraArguments) throws IOException {
		Path real = Arrays.stream(System.getenv("PATH").split(":"))
			.map((entry) -> Path.of(entry, "pg_dump"))
			.filter(Files::isExecutable)
			.findFirst()
			.orElseThrow();
		Path wrapper = directory.resolve("tools").resolve("pg_dump");
		Files.createDirectories(wrapper.getParent());
		Files.writeString(wrapper, """
				#!/bin/sh
				if [ "$1" = "--version" ]; then exec "%s" --version; fi
				file=
				for arg in "$@"; do case "$arg" in --file=*) file="${arg#--file=}";; esac; done
				"%s" "$@" %s || exit $?
				%s
				""".formatted(real, real, String.join(" ", extraArguments), (afterDump != null) ? afterDump : ""));
		Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
		return wrapper;
	}

}
