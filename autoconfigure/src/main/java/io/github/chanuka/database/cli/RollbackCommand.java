package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.github.chanuka.database.ops.migration.MigrationOperations;
import io.github.chanuka.database.ops.migration.MigrationResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code db rollback}: Liquibase rollback on the primary.
 *
 * @author Chanuka Database
 */
@Command(name = "rollback", mixinStandardHelpOptions = true,
		description = "Roll back the last changesets applied to the primary, by count or back to a tag.")
final class RollbackCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	OutputOptions output;

	@ArgGroup(exclusive = true, multiplicity = "1")
	Target target;

	@Option(names = "--dry-run", description = "Print the SQL that would run; change nothing.")
	boolean dryRun;

	private final ObjectProvider<MigrationOperations> migrations;

	RollbackCommand(ObjectProvider<MigrationOperations> migrations) {
		this.migrations = migrations;
	}

	@Override
	public Integer call() {
		if (this.target.count != null && this.target.count < 1) {
			throw new ParameterException(this.spec.commandLine(),
					"--count must be 1 or more, was " + this.target.count);
		}
		MigrationOperations operations = Commands.require(this.migrations, MigrationText.LIQUIBASE_MISSING,
				MigrationText.LIQUIBASE_ACTION);
		MigrationResult result = (this.target.count != null) ? operations.rollbackCount(this.target.count, this.dryRun)
				: operations.rollbackToTag(this.target.tag, this.dryRun);
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.output.json) {
			JsonOutput.write(result, out);
			return DatabaseCommandLine.OK;
		}
		int count = result.changeSets().size();
		if (count == 0) {
			out.println("Nothing to roll back: no changeset of " + result.database() + " was applied after tag "
					+ this.target.tag + ".");
			return DatabaseCommandLine.OK;
		}
		out.println((result.dryRun() ? "Dry run: " + Commands.plural(count, "changeset") + " would be rolled back on "
				: "Rolled back " + Commands.plural(count, "changeset") + " on ") + result.database() + ":");
		MigrationText.changeSets(out, result.changeSets());
		if (result.dryRun()) {
			MigrationText.sql(out, result);
			out.println();
			out.println("Nothing was changed.");
		}
		return DatabaseCommandLine.OK;
	}

	static final class Target {

		@Option(names = "--count", required = true, paramLabel = "N",
				description = "Roll back the last N changesets applied.")
		Integer count;

		@Option(names = "--tag", required = true, paramLabel = "TAG",
				description = "Roll back every changeset applied after TAG.")
		String tag;

	}

}
