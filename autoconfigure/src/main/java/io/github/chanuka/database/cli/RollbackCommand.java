package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.util.Objects;

import io.github.chanuka.database.ops.migration.MigrationOperations;
import io.github.chanuka.database.ops.migration.MigrationResult;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code db rollback}: Liquibase rollback on the primary.
 *
 * @author Chanuka Database
 */
@Command(name = "rollback", mixinStandardHelpOptions = true,
		description = "Roll back the last changesets applied to the primary, by count or back to a tag.")
final class RollbackCommand extends DatabaseSubcommand<MigrationResult> {

	@ArgGroup(exclusive = true, multiplicity = "1")
	Target target;

	@Option(names = "--dry-run", description = "Print the SQL that would run; change nothing.")
	boolean dryRun;

	private final ObjectProvider<MigrationOperations> migrations;

	RollbackCommand(ObjectProvider<MigrationOperations> migrations) {
		this.migrations = migrations;
	}

	@Override
	protected MigrationResult execute() {
		if (this.target.count != null && this.target.count < 1) {
			throw new ParameterException(this.spec.commandLine(),
					"--count must be 1 or more, was " + this.target.count);
		}
		MigrationOperations operations = Commands.require(this.migrations, MigrationText.LIQUIBASE_MISSING,
				MigrationText.LIQUIBASE_ACTION);
		return (this.target.count != null) ? operations.rollbackCount(this.target.count, this.dryRun)
				: operations.rollbackToTag(Objects.requireNonNull(this.target.tag, "--count or --tag is required"),
						this.dryRun);
	}

	@Override
	protected void print(MigrationResult result, PrintWriter out) {
		if (result.changeSets().isEmpty()) {
			out.println("Nothing to roll back: no changeset of " + result.database() + " was applied"
					+ ((this.target.tag != null) ? " after tag " + this.target.tag : "") + ".");
		}
		else {
			MigrationText.result(out, result, "rolled back", "on");
		}
	}

	static final class Target {

		@Option(names = "--count", required = true, paramLabel = "N",
				description = "Roll back the last N changesets applied.")
		@Nullable Integer count;

		@Option(names = "--tag", required = true, paramLabel = "TAG",
				description = "Roll back every changeset applied after TAG.")
		@Nullable String tag;

	}

}
