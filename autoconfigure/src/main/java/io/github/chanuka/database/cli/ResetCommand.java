package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.util.Objects;

import io.github.chanuka.database.ops.migration.MigrationOperations;
import io.github.chanuka.database.ops.migration.ResetPlan;
import io.github.chanuka.database.pool.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code db reset}: drop the migrated schema and migrate again, failing closed.
 *
 * @author Chanuka Database
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
		description = { "Drop every object in the schema Liquibase migrates, then apply the whole changelog again.",
				"Without --force, only says what it would do. Refused in staging and production, whatever the options." })
final class ResetCommand extends DatabaseSubcommand<ResetPlan> {

	@Option(names = "--migrate",
			description = "Accepted for scripts written for the platform's tooling: reset always migrates again.")
	boolean migrate;

	@Mixin
	ForceOption force;

	private final ObjectProvider<MigrationOperations> migrations;

	private final ObjectProvider<DatabaseSettings> settings;

	ResetCommand(ObjectProvider<MigrationOperations> migrations, ObjectProvider<DatabaseSettings> settings) {
		this.migrations = migrations;
		this.settings = settings;
	}

	@Override
	protected ResetPlan execute() {
		MigrationOperations operations = Commands.require(this.migrations, MigrationText.LIQUIBASE_MISSING,
				MigrationText.LIQUIBASE_ACTION);
		if (!this.force.isGiven()) {
			return operations.planReset();
		}
		detail(this.force.check(Commands.require(this.settings)));
		return operations.reset(Objects.requireNonNull(this.force.database, "checked above"));
	}

	@Override
	protected void print(ResetPlan plan, PrintWriter out) {
		boolean done = this.force.isGiven();
		out.println((done ? "Dropped " : "db reset would drop ") + Commands.plural(plan.objects().size(), "object")
				+ " in schema " + plan.schema() + " of " + plan.database() + " (environment " + plan.environment() + ")"
				+ (plan.objects().isEmpty() ? "" : ":"));
		plan.objects().forEach((object) -> out.println("  " + object));
		out.println((done ? "and applied " : "and then apply ") + Commands.plural(plan.changeSets().size(), "changeset")
				+ ":");
		MigrationText.changeSets(out, plan.changeSets());
		if (!done) {
			out.println(Commands.NOTHING_CHANGED + ": run 'db reset --force="
					+ ForceOption.databaseName(Commands.require(this.settings)) + "' to do it.");
		}
	}

}
