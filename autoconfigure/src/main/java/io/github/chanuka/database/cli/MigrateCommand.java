package io.github.chanuka.database.cli;

import java.io.PrintWriter;

import io.github.chanuka.database.ops.migration.MigrationOperations;
import io.github.chanuka.database.ops.migration.MigrationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code db migrate}: Liquibase update on the primary.
 *
 * @author Chanuka Database
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
		description = "Apply the pending changesets of the changelog (spring.liquibase.change-log) to the primary.")
final class MigrateCommand extends DatabaseSubcommand<MigrationResult> {

	@Option(names = "--dry-run", description = "Print the SQL that would run; change nothing.")
	boolean dryRun;

	private final ObjectProvider<MigrationOperations> migrations;

	MigrateCommand(ObjectProvider<MigrationOperations> migrations) {
		this.migrations = migrations;
	}

	@Override
	protected MigrationResult execute() {
		return Commands.require(this.migrations, MigrationText.LIQUIBASE_MISSING, MigrationText.LIQUIBASE_ACTION)
			.migrate(this.dryRun);
	}

	@Override
	protected void print(MigrationResult result, PrintWriter out) {
		if (result.changeSets().isEmpty()) {
			out.println("Nothing to apply: " + result.database() + " is up to date with " + result.changelog() + ".");
		}
		else {
			MigrationText.result(out, result, "applied", "to");
		}
	}

}
