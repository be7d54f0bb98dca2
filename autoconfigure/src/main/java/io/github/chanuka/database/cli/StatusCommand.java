package io.github.chanuka.database.cli;

import java.io.PrintWriter;

import io.github.chanuka.database.ops.migration.MigrationOperations;
import io.github.chanuka.database.ops.migration.MigrationStatus;
import picocli.CommandLine.Command;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code db status}: applied and pending changesets.
 *
 * @author Chanuka Database
 */
@Command(name = "status", mixinStandardHelpOptions = true,
		description = { "List the changesets applied to the primary and those pending.",
				"Exits 1 when changesets are pending or applied ones are missing from the changelog." })
final class StatusCommand extends DatabaseSubcommand<MigrationStatus> {

	private final ObjectProvider<MigrationOperations> migrations;

	StatusCommand(ObjectProvider<MigrationOperations> migrations) {
		this.migrations = migrations;
	}

	@Override
	protected MigrationStatus execute() {
		return Commands.require(this.migrations, MigrationText.LIQUIBASE_MISSING, MigrationText.LIQUIBASE_ACTION)
			.status();
	}

	@Override
	protected void print(MigrationStatus status, PrintWriter out) {
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

	@Override
	protected int exitCode(MigrationStatus status) {
		return status.isUpToDate() ? DatabaseCommandLine.OK : DatabaseCommandLine.PROBLEM;
	}

}
