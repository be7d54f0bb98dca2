package io.github.chanuka.database.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code db} command: its sub-commands do the work.
 *
 * @author Chanuka Database
 */
@Command(name = "db", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
		description = "Database operations on the application's own configuration: migrations, validation, index"
				+ " advice, backups, health, sessions, statement statistics and benchmarks.",
		subcommands = { HealthCommand.class, MigrateCommand.class, StatusCommand.class, RollbackCommand.class,
				ValidateCommand.class, IndexesCommand.class, ResetCommand.class, BackupCommand.class,
				RestoreCommand.class, BenchmarkCommand.class, SessionsCommand.class, QueriesCommand.class,
				SetupCommand.class },
		footerHeading = "%nExit codes:%n",
		footer = { "  0  done, nothing wrong found", "  1  a problem was found, or the operation failed",
				"  2  usage or configuration error, or the operation was refused", "",
				"Spring properties can be given as --name=value arguments anywhere,"
						+ " such as --spring.profiles.active=prod." })
final class DatabaseCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		throw new ParameterException(this.spec.commandLine(), "a command is needed");
	}

}
