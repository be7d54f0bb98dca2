package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.github.chanuka.database.ops.migration.MigrationOperations;
import io.github.chanuka.database.ops.migration.MigrationStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code db status}: applied and pending changesets.
 *
 * @author Chanuka Database
 */
@Command(name = "status", mixinStandardHelpOptions = true,
		description = { "List the changesets applied to the primary and those pending.",
				"Exits 1 when changesets are pending or applied ones are missing from the changelog." })
final class StatusCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	OutputOptions output;

	private final ObjectProvider<MigrationOperations> migrations;

	StatusCommand(ObjectProvider<MigrationOperations> migrations) {
		this.migrations = migrations;
	}

	@Override
	public Integer call() {
		MigrationStatus status = Commands
			.require(this.migrations, MigrationText.LIQUIBASE_MISSING, MigrationText.LIQUIBASE_ACTION)
			.status();
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.output.json) {
			JsonOutput.write(status, out);
		}
		else {
			out.println("Changelog: " + status.changelog());
			out.println("Database:  " + status.database());
			out.println("Applied:   " + status.applied().size());
			MigrationText.changeSets(out, status.applied());
			out.println("Pending:   " + status.pending().size());
			MigrationText.changeSets(out, status.pending());
			if (!status.unexpected().isEmpty()) {
				out.println("Applied but not in the changelog: " + status.unexpected().size());
				MigrationText.changeSets(out, status.unexpected());
			}
			out.println(status.isUpToDate() ? "The database is up to date."
					: status.pending().isEmpty() ? "The changelog no longer holds changesets the database applied."
							: "The database is behind the changelog: run 'db migrate'.");
		}
		return status.isUpToDate() ? DatabaseCommandLine.OK : DatabaseCommandLine.PROBLEM;
	}

}
