package io.github.chanuka.database.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.github.chanuka.database.alert.AlertEvents;
import io.github.chanuka.database.alert.DatabaseAlertEvent;
import io.github.chanuka.database.autoconfigure.ChanukaAlertsAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaMetricsAutoConfiguration;
import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.ops.backup.BackupException;
import io.github.chanuka.database.ops.backup.BackupOperations;
import io.github.chanuka.database.ops.backup.BackupOutcome;
import io.github.chanuka.database.ops.backup.BackupSchedule;
import io.github.chanuka.database.ops.backup.BackupSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Backups that are safe to keep and to schedule on several instances, against a real
 * PostgreSQL server with stand-in client tools: owner-only files, bounded tool runs, one
 * backup per scheduled time however many instances share the database, and failures
 * that are counted and alerted on.
 */
@EmbeddedCluster(replicas = 0)
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in client tools are shell scripts, modes are POSIX")
class BackupSafetyIntegrationTests {

	private static PostgresCluster cluster;

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
	void aBackupIsReadableByItsOwnerOnlyInADirectoryCreatedForItsOwnerOnly(TestInfo test, @TempDir Path tools)
			throws IOException {
		FakePgTools fake = FakePgTools.install(tools, "99.1", 0);
		runner(test, "chanuka.database.backup.pg-dump-path=" + fake.pgDump()).run((context) -> {
			Path backup = tools.resolve("private").resolve("nested").resolve("bills.dump");
			CommandResult result = CommandResult.run(context, "backup", "--output", backup.toString());
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.getParent())))
				.isEqualTo("rwx------");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tools.resolve("private"))))
				.isEqualTo("rwx------");
		});
	}

	@Test
	void anExistingFileIsNeverWrittenOver(TestInfo test, @TempDir Path tools) throws IOException {
		FakePgTools fake = FakePgTools.install(tools, "99.1", 0);
		Path existing = Files.writeString(tools.resolve("bills.dump"), "keep me");
		runner(test, "chanuka.database.backup.pg-dump-path=" + fake.pgDump()).run((context) -> {
			BackupOperations operations = context.getBean(BackupOperations.class);
			assertThatExceptionOfType(BackupException.class).isThrownBy(() -> operations.backup(existing))
				.withMessage(existing + " already exists");
			assertThat(fake.called("pg_dump")).isFalse();
			assertThat(existing).hasContent("keep me");
		});
	}

	@Test
	void theToolsWaitForLocksAtMostTheLockWaitTimeout(TestInfo test, @TempDir Path tools) throws IOException {
		FakePgTools fake = FakePgTools.install(tools, "99.1", 0);
		Path archive = Files.writeString(tools.resolve("restore.dump"), "PGDMP fake archive");
		runner(test, "chanuka.database.backup.pg-dump-path=" + fake.pgDump(),
				"chanuka.database.backup.lock-wait-timeout=5s")
			.run((context) -> {
				BackupOperations operations = context.getBean(BackupOperations.class);
				operations.backup(tools.resolve("bills.dump"));
				assertThat(fake.arguments("pg_dump")).contains("--lock-wait-timeout=5000");
				operations.restore(archive, this.database);
				assertThat(fake.arguments("pg_restore"))
					.anySatisfy((argument) -> assertThat(argument).startsWith("--dbname=")
						.contains("options='-c lock_timeout=5000'"));
			});
	}

	@Test
	void aToolThatOutlivesTheTimeoutIsStoppedAndLeavesNoFile(TestInfo test, @TempDir Path tools) throws IOException {
		FakePgTools fake = FakePgTools.install(tools, "99.1", 0);
		Files.writeString(fake.pgDump(), """
				#!/bin/sh
				if [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) 99.1"; exit 0; fi
				exec sleep 120
				""");
		runner(test, "chanuka.database.backup.pg-dump-path=" + fake.pgDump(), "chanuka.database.backup.timeout=500ms")
			.run((context) -> {
				Path backup = tools.resolve("bills.dump");
				long started = System.nanoTime();
				assertThatExceptionOfType(BackupException.class)
					.isThrownBy(() -> context.getBean(BackupOperations.class).backup(backup))
					.withMessageContaining("pg_dump failed to back up")
					.withMessageContaining("stopped after the timeout of 0.5s");
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
				assertThat(backup).doesNotExist();
			});
	}

	@Test
	void twoSchedulersOnOneDatabaseMakeOneBackupPerScheduledTime(TestInfo test, @TempDir Path first,
			@TempDir Path second) {
		FakePgTools firstTools = FakePgTools.install(first, "99.1", 0);
		FakePgTools secondTools = FakePgTools.install(second, "99.1", 0);
		runner(test).run((context) -> {
			List<BackupOutcome> outcomes = new CopyOnWriteArrayList<>();
			DatabaseTopology topology = context.getBean(DatabaseTopology.class);
			Path firstBackups = first.resolve("backups");
			Path secondBackups = second.resolve("backups");
			BackupSchedule one = new BackupSchedule(new BackupOperations(topology.primary(),
					new BackupSettings(firstBackups, firstTools.pgDump(), null)), firstBackups, "*/2 * * * * *", 100,
					List.of(outcomes::add));
			BackupSchedule other = new BackupSchedule(new BackupOperations(topology.primary(),
					new BackupSettings(secondBackups, secondTools.pgDump(), null)), secondBackups, "*/2 * * * * *", 100,
					List.of(outcomes::add));
			one.start();
			other.start();
			try {
				await().atMost(Duration.ofSeconds(30))
					.until(() -> outcomes.stream().filter((outcome) -> outcome == BackupOutcome.SUCCESS).count() >= 3);
			}
			finally {
				one.stop();
				other.stop();
			}
			List<String> firstDumps = dumps(firstBackups);
			List<String> secondDumps = dumps(secondBackups);
			List<String> all = new ArrayList<>(firstDumps);
			all.addAll(secondDumps);
			assertThat(all).as("scheduled times backed up by both instances").doesNotHaveDuplicates();
			assertThat(all).hasSizeGreaterThanOrEqualTo(3)
				.allMatch((name) -> name.matches(this.database + "-\\d{8}-\\d{6}-000\\.dump"));
			assertThat(outcomes).contains(BackupOutcome.SKIPPED).doesNotContain(BackupOutcome.FAILURE);
			assertThat(firstTools.pgDumpCalls() + secondTools.pgDumpCalls()).isEqualTo(all.size());
		});
	}

	@Test
	void aFailedScheduledBackupIsCountedFiresTheBackupFailedAlertAndResolvesWhenOneSucceeds(TestInfo test,
			@TempDir Path tools, @TempDir Path backups) {
		FakePgTools.install(tools, "99.1", 0);
		runner(test, "chanuka.database.backup.pg-dump-path=" + tools.resolve("pg_dump"),
				"chanuka.database.backup.directory=" + backups, "chanuka.database.backup.schedule=* * * * * *",
				"chanuka.database.health.check-interval=200ms")
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, ChanukaMetricsAutoConfiguration.class,
					ChanukaAlertsAutoConfiguration.class))
			.withBean(AlertEvents.class)
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				DatabaseAlertEvent.Alert alert = context.getBean(AlertEvents.class)
					.firesThenResolves("backup-failed", Duration.ofSeconds(20), () -> {
						FakePgTools.install(tools, "99.1", 2);
						await().atMost(Duration.ofSeconds(20))
							.untilAsserted(() -> assertThat(registry.find("chanuka.db.backups")
								.tag("outcome", "failure")
								.counter()).isNotNull()
								.satisfies((counter) -> assertThat(counter.count()).isGreaterThanOrEqualTo(1)));
						assertThat(context.getBean(BackupSchedule.class).consecutiveFailures()).isPositive();
					}, () -> FakePgTools.install(tools, "99.1", 0));
				assertThat(alert.value()).isGreaterThanOrEqualTo(1);
				assertThat(context.getBean(BackupSchedule.class).consecutiveFailures()).isZero();
				assertThat(dumps(backups)).isNotEmpty();
			});
	}

	private static List<String> dumps(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).filter((name) -> name.endsWith(".dump")).toList();
		}
	}

}
