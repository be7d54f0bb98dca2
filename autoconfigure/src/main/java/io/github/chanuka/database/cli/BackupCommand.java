package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import io.github.chanuka.database.ops.backup.BackupOperations;
import io.github.chanuka.database.ops.backup.BackupResult;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code db backup}: a verified {@code pg_dump} of the primary.
 *
 * @author Chanuka Database
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
		description = { "Back up the primary with pg_dump in the custom format, then verify the file with pg_restore --list.",
				"pg_dump is found at chanuka.database.backup.pg-dump-path or on the PATH, and must be at least the server's"
						+ " major version." })
final class BackupCommand extends DatabaseSubcommand<BackupResult> {

	@Option(names = "--output", paramLabel = "FILE",
			description = "File to write; by default a new file named after the database and the time, in"
					+ " chanuka.database.backup.directory or the working directory.")
	@Nullable Path file;

	private final ObjectProvider<BackupOperations> backups;

	BackupCommand(ObjectProvider<BackupOperations> backups) {
		this.backups = backups;
	}

	@Override
	protected BackupResult execute() {
		return Commands.require(this.backups).backup(this.file);
	}

	@Override
	protected void print(BackupResult result, PrintWriter out) {
		out.println("Backed up " + result.database() + " (PostgreSQL " + result.serverVersion() + ") to "
				+ result.file().toAbsolutePath() + ": " + result.sizeBytes() + " bytes, " + result.entries()
				+ " entries verified with pg_restore --list, made by " + result.tool() + ".");
	}

}
