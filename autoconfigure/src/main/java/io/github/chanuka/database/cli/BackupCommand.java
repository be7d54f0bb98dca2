package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import io.github.chanuka.database.ops.backup.BackupOperations;
import io.github.chanuka.database.ops.backup.BackupResult;
import io.github.chanuka.database.ops.backup.BackupVerification;
import io.github.chanuka.database.ops.backup.RestoreCheck;
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

	@Option(names = "--verify", paramLabel = "LEVEL", defaultValue = "list",
			description = "list (default): read the file back with pg_restore --list; restore: also restore it into a"
					+ " scratch database (chanuka_verify_<time>), compare every table's row count with the source as"
					+ " dumped, and drop the scratch database; exit 1 naming the tables that differ or the restore"
					+ " error.")
	BackupVerification verification = BackupVerification.LIST;

	private final ObjectProvider<BackupOperations> backups;

	BackupCommand(ObjectProvider<BackupOperations> backups) {
		this.backups = backups;
	}

	@Override
	protected BackupResult execute() {
		return Commands.require(this.backups).backup(this.file, this.verification);
	}

	@Override
	protected void print(BackupResult result, PrintWriter out) {
		out.println("Backed up " + result.database() + " (PostgreSQL " + result.serverVersion() + ") to "
				+ result.file().toAbsolutePath() + ": " + result.sizeBytes() + " bytes, " + result.entries()
				+ " entries verified with pg_restore --list, made by " + result.tool() + ".");
		RestoreCheck check = result.restoreCheck();
		if (check != null) {
			out.println("Restored it into the scratch database " + check.scratchDatabase() + ": " + check.tables()
					+ " tables, " + check.rows() + " rows, every row count as in the source when dumped; the scratch"
					+ " database is dropped.");
		}
	}

}
