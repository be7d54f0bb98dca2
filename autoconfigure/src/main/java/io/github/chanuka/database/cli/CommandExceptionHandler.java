package io.github.chanuka.database.cli;

import java.io.PrintWriter;

import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import io.github.chanuka.database.ops.DestructiveOperationRefusedException;
import io.github.chanuka.database.ops.backup.BackupException;
import io.github.chanuka.database.ops.migration.MigrationException;
import io.github.chanuka.database.ops.migration.ResetRefusedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import org.springframework.dao.DataAccessException;

/**
 * Turns a bad argument into one line of reason and the usage (exit 2), and a failure
 * into one line of reason and one of action (exit 2 for configuration and refusals,
 * 1 otherwise). Stack traces go to the log at debug level, and to standard error with
 * {@code --verbose}.
 *
 * @author Chanuka Database
 */
final class CommandExceptionHandler
		implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

	private static final Log logger = LogFactory.getLog(CommandExceptionHandler.class);

	@Override
	public int handleParseException(ParameterException ex, String[] args) {
		CommandLine commandLine = ex.getCommandLine();
		PrintWriter err = commandLine.getErr();
		err.println("Error: " + oneLine(reason(ex)));
		commandLine.usage(err);
		err.flush();
		return DatabaseCommandLine.USAGE;
	}

	private static String reason(ParameterException ex) {
		CommandLine commandLine = ex.getCommandLine();
		if (ex instanceof UnmatchedArgumentException unmatched && commandLine.getParent() == null
				&& !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
			return "unknown command '" + unmatched.getUnmatched().get(0) + "'; the commands are "
					+ String.join(", ", commandLine.getSubcommands().keySet());
		}
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		return message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
	}

	@Override
	public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
		PrintWriter err = commandLine.getErr();
		logger.debug("Command '" + commandLine.getCommandName() + "' failed", ex);
		Failure failure = describe(ex);
		err.println("Error: " + oneLine(failure.message()));
		if (failure.action() != null) {
			err.println("Action: " + oneLine(failure.action()));
		}
		if (commandLine.getCommand() instanceof DatabaseSubcommand<?> command && command.isVerbose()) {
			ex.printStackTrace(err);
		}
		err.flush();
		return failure.exitCode();
	}

	private static Failure describe(Exception ex) {
		if (ex instanceof CommandException command) {
			return new Failure(command.getExitCode(), command.getMessage(), command.getAction());
		}
		if (ex instanceof InvalidDatabaseConfigurationException invalid) {
			return new Failure(DatabaseCommandLine.USAGE, invalid.getMessage(), invalid.getAction());
		}
		if (ex instanceof DestructiveOperationRefusedException refused) {
			return new Failure(DatabaseCommandLine.USAGE, refused.getMessage(), refused.getAction());
		}
		if (ex instanceof ResetRefusedException refused) {
			return new Failure(DatabaseCommandLine.USAGE, refused.getMessage(), null);
		}
		if (ex instanceof BackupException backup) {
			return new Failure(backup.isConfigurationProblem() ? DatabaseCommandLine.USAGE : DatabaseCommandLine.PROBLEM,
					backup.getMessage(), backup.getAction());
		}
		if (ex instanceof MigrationException migration) {
			return new Failure(DatabaseCommandLine.PROBLEM, migration.getMessage(),
					"Fix the changeset or the database as the message says, then run the command again");
		}
		if (ex instanceof InterruptedException) {
			return new Failure(DatabaseCommandLine.PROBLEM, "interrupted before it finished", null);
		}
		if (ex instanceof DataAccessException dataAccess) {
			return new Failure(DatabaseCommandLine.PROBLEM,
					"database error: " + dataAccess.getMostSpecificCause().getMessage(),
					"Check that the primary is reachable with the configured credentials ('db health' shows it)");
		}
		return new Failure(DatabaseCommandLine.PROBLEM, StartupFailureReport.messages(ex),
				"Run again with --verbose for the stack trace");
	}

	private static String oneLine(@Nullable String text) {
		return (text != null) ? text.strip().replaceAll("\\s*\\R\\s*", " ") : "";
	}

	private record Failure(int exitCode, @Nullable String message, @Nullable String action) {

	}

}
