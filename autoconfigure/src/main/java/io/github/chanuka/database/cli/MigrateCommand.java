package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.github.chanuka.database.ops.migration.MigrationOperations;
import io.github.chanuka.database.ops.migration.MigrationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code db migrate}: Liquibase update on the primary.
 *
 * @author Chanuka Database
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
		description = "Apply the pending changesets of the changelog (spring.liquibase.change-log) to the primary.")
final class MigrateCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	OutputOptions output;

	@Option(names = "--dry-run", description = "Print the SQL that would run; change nothing.")
	boolean dryRun;

	private final ObjectProvider<MigrationOperations> migrations;

	MigrateCommand(ObjectProvider<MigrationOperations> migrations) {
		this.migrations = migrations;
	}

	@Override
	public Integer call() {
		MigrationResult result = Commands
			.require(this.migrations, MigrationText.LIQUIBASE_MISSING, MigrationText.LIQUIBASE_ACTION)
			.migrate(this.dryRun);
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.output.json) {
			JsonOutput.write(result, out);
			return DatabaseCommandLine.OK;
		}
		int count = result.changeSets().size();
		if (count == 0) {
			out.println("Nothing to apply: " + result.database() + " is up to date with " + result.changelog() + ".");
			return DatabaseCommandLine.OK;
		}
		out.println((result.dryRun() ? "Dry run: " + Commands.plural(count, "changeset") + " would be applied to "
				: "Applied " + Commands.plural(count, "changeset") + " to ") + result.database() + ":");
		MigrationText.changeSets(out, result.changeSets());
		if (result.dryRun()) {
			MigrationText.sql(out, result);
			out.println();
			out.println("Nothing was changed.");
		}
		return DatabaseCommandLine.OK;
	}

}
