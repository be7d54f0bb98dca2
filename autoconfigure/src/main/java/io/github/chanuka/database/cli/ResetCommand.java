package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.github.chanuka.database.ops.migration.MigrationOperations;
import io.github.chanuka.database.ops.migration.ResetPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code db reset}: drop the migrated schema and migrate again, outside staging and
 * production.
 *
 * @author Chanuka Database
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
		description = { "Drop every object in the schema Liquibase migrates, then apply the whole changelog again.",
				"Refused in staging and production, whatever the options. Without --force, only says what it would do." })
final class ResetCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	OutputOptions output;

	@Option(names = "--force", description = "Do it: drop and re-migrate.")
	boolean force;

	private final ObjectProvider<MigrationOperations> migrations;

	ResetCommand(ObjectProvider<MigrationOperations> migrations) {
		this.migrations = migrations;
	}

	@Override
	public Integer call() {
		MigrationOperations operations = Commands.require(this.migrations, MigrationText.LIQUIBASE_MISSING,
				MigrationText.LIQUIBASE_ACTION);
		ResetPlan plan = this.force ? operations.reset() : operations.planReset();
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.output.json) {
			JsonOutput.write(plan, out);
			return DatabaseCommandLine.OK;
		}
		out.println((this.force ? "Dropped " : "db reset would drop ") + Commands.plural(plan.objects().size(), "object")
				+ " in schema " + plan.schema() + " of " + plan.database() + " (environment " + plan.environment()
				+ ")" + (plan.objects().isEmpty() ? "" : ":"));
		plan.objects().forEach((object) -> out.println("  " + object));
		out.println((this.force ? "and applied " : "and then apply ") + Commands.plural(plan.changeSets().size(), "changeset")
				+ ":");
		MigrationText.changeSets(out, plan.changeSets());
		if (!this.force) {
			out.println("Nothing was changed: run 'db reset --force' to do it.");
		}
		return DatabaseCommandLine.OK;
	}

}
