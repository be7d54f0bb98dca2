package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.chanuka.database.ops.backup.BackupOperations;
import io.github.chanuka.database.ops.backup.BackupResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
final class BackupCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	OutputOptions output;

	@Option(names = "--output", paramLabel = "FILE",
			description = "File to write; by default a new file named after the database and the time, in"
					+ " chanuka.database.backup.directory or the working directory.")
	Path file;

	private final ObjectProvider<BackupOperations> backups;

	BackupCommand(ObjectProvider<BackupOperations> backups) {
		this.backups = backups;
	}

	@Override
	public Integer call() {
		BackupResult result = Commands.require(this.backups).backup(this.file);
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.output.json) {
			JsonOutput.write(result, out);
		}
		else {
			out.println("Backed up " + result.database() + " (PostgreSQL " + result.serverVersion() + ") to "
					+ result.file().toAbsolutePath() + ": " + result.sizeBytes() + " bytes, " + result.entries()
					+ " entries verified with pg_restore --list, made by " + result.tool() + ".");
		}
		return DatabaseCommandLine.OK;
	}

}
