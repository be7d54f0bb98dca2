package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.util.Locale;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.ops.setup.DatabaseSetup;
import io.github.chanuka.database.ops.setup.SetupException;
import io.github.chanuka.database.ops.setup.SetupResult;
import io.github.chanuka.database.ops.setup.SetupStep;
import io.github.chanuka.database.pool.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code db setup}: create what the application declares under
 * {@code chanuka.database.setup.*} when it is missing.
 *
 * @author Chanuka Database
 */
@Command(name = "setup", mixinStandardHelpOptions = true,
		description = { "Create what the application declares under chanuka.database.setup.* when it is missing: the"
				+ " primary's database, extensions, and a least-privilege application role. Safe to run again: what"
				+ " exists is left alone.",
				"Runs as the configured user, which needs CREATEDB/CREATEROLE for what it creates. Refused in"
						+ " production unless --force is given." })
final class SetupCommand extends DatabaseSubcommand<SetupResult> {

	private static final String ROW = "  %-13s %-55s %s";

	@Option(names = "--dry-run", description = "Print what would be created; create nothing.")
	boolean dryRun;

	@Option(names = "--force", description = "Run in production too.")
	boolean force;

	private final ObjectProvider<DatabaseSetup> setup;

	private final ObjectProvider<DatabaseSettings> settings;

	SetupCommand(ObjectProvider<DatabaseSetup> setup, ObjectProvider<DatabaseSettings> settings) {
		this.setup = setup;
		this.settings = settings;
	}

	@Override
	protected SetupResult execute() {
		DatabaseSettings databaseSettings = Commands.require(this.settings);
		if (databaseSettings.environment() == DatabaseEnvironment.PRODUCTION && !this.force && !this.dryRun) {
			throw new CommandException(DatabaseCommandLine.USAGE,
					"db setup is refused in production: it creates databases, extensions and roles on "
							+ databaseSettings.primary().maskedUrl(),
					"Review it with --dry-run, then run it with --force when you mean to change the production server");
		}
		detail("db setup on " + databaseSettings.primary().maskedUrl() + (this.dryRun ? " (dry run)" : ""));
		try {
			return Commands.require(this.setup).run(this.dryRun);
		}
		catch (SetupException ex) {
			throw new CommandException(DatabaseCommandLine.PROBLEM, String.valueOf(ex.getMessage()), ex.getAction());
		}
	}

	@Override
	protected void print(SetupResult result, PrintWriter out) {
		out.println("Setup of database " + result.database() + (result.dryRun() ? " (dry run: nothing was run)" : "")
				+ ":");
		for (SetupStep step : result.steps()) {
			out.println(String.format(ROW, step.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '),
					step.object(), (step.statement() != null) ? step.statement() : "").stripTrailing());
		}
		if (!result.changed()) {
			out.println(Commands.NOTHING_CHANGED + ": everything the application declares exists.");
		}
	}

}
