package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;

import io.github.chanuka.database.ops.backup.BackupOperations;
import io.github.chanuka.database.ops.backup.RestoreResult;
import io.github.chanuka.database.pool.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code db restore}: {@code pg_restore} of a backup into the primary, failing closed.
 *
 * @author Chanuka Database
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
		description = { "Restore a backup made by 'db backup' into the primary, replacing the objects it holds, in one"
				+ " transaction.", "Without --force, only verifies the backup and says what it would do.",
				"Progress (objects restored out of the backup's entries) goes to standard error." })
final class RestoreCommand extends DatabaseSubcommand<RestoreResult> {

	@Option(names = "--input", required = true, paramLabel = "FILE", description = "Backup to restore.")
	Path file;

	@Mixin
	ForceOption force;

	private final ObjectProvider<BackupOperations> backups;

	private final ObjectProvider<DatabaseSettings> settings;

	RestoreCommand(ObjectProvider<BackupOperations> backups, ObjectProvider<DatabaseSettings> settings) {
		this.backups = backups;
		this.settings = settings;
	}

	@Override
	protected RestoreResult execute() {
		BackupOperations operations = Commands.require(this.backups);
		if (!this.force.isGiven()) {
			return operations.previewRestore(this.file);
		}
		detail(this.force.check(Commands.require(this.settings)));
		return operations.restore(this.file, Objects.requireNonNull(this.force.database, "checked above"),
				new RestoreProgressPrinter(this.spec.commandLine().getErr()));
	}

	@Override
	protected void print(RestoreResult result, PrintWriter out) {
		if (result.restored()) {
			out.println("Restored " + result.file().toAbsolutePath() + " (" + result.entries() + " entries) into "
					+ result.database() + " with " + result.tool() + ".");
			return;
		}
		out.println("db restore would replace the objects in " + result.database() + " with the " + result.entries()
				+ " entries of " + result.file().toAbsolutePath() + ".");
		out.println(Commands.NOTHING_CHANGED + ": run it again with --force="
				+ ForceOption.databaseName(Commands.require(this.settings)) + " to restore.");
	}

}
