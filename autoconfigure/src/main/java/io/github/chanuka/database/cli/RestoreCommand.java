package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.chanuka.database.ops.backup.BackupOperations;
import io.github.chanuka.database.ops.backup.RestoreResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code db restore}: {@code pg_restore} of a backup into the primary.
 *
 * @author Chanuka Database
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
		description = { "Restore a backup made by 'db backup' into the primary, replacing the objects it holds, in one"
				+ " transaction.", "Without --force, only verifies the backup and says what it would do." })
final class RestoreCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	OutputOptions output;

	@Option(names = "--input", required = true, paramLabel = "FILE", description = "Backup to restore.")
	Path file;

	@Option(names = "--force", description = "Do it: replace the objects in the primary.")
	boolean force;

	private final ObjectProvider<BackupOperations> backups;

	RestoreCommand(ObjectProvider<BackupOperations> backups) {
		this.backups = backups;
	}

	@Override
	public Integer call() {
		BackupOperations operations = Commands.require(this.backups);
		PrintWriter out = this.spec.commandLine().getOut();
		RestoreResult result = this.force ? operations.restore(this.file) : operations.previewRestore(this.file);
		if (this.output.json) {
			JsonOutput.write(result, out);
		}
		else if (result.restored()) {
			out.println("Restored " + result.file().toAbsolutePath() + " (" + result.entries() + " entries) into "
					+ result.database() + " with " + result.tool() + ".");
		}
		else {
			out.println("db restore would replace the objects in " + result.database() + " with the "
					+ result.entries() + " entries of " + result.file().toAbsolutePath() + ".");
			out.println("Nothing was changed: run it again with --force to restore.");
		}
		return DatabaseCommandLine.OK;
	}

}
