package io.github.chanuka.database.ops.migration;

import java.util.ArrayList;
import java.util.List;

import io.github.chanuka.database.ops.schema.Severity;
import io.github.chanuka.database.ops.schema.ValidationCheck;
import io.github.chanuka.database.ops.schema.ValidationFinding;
import liquibase.exception.LiquibaseException;
import liquibase.exception.ValidationFailedException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ResourceLoader;

/**
 * Validates the changelog against the primary: checksums of applied changesets that
 * were edited since, and changesets applied that the changelog no longer holds. Skipped
 * when the application has no changelog.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class ChangelogValidationCheck implements ValidationCheck {

	private final MigrationOperations migrations;

	private final ResourceLoader resourceLoader;

	/**
	 * Create the check.
	 * @param migrations the migration operations
	 * @param resourceLoader loads the changelog
	 */
	public ChangelogValidationCheck(MigrationOperations migrations, ResourceLoader resourceLoader) {
		this.migrations = migrations;
		this.resourceLoader = resourceLoader;
	}

	@Override
	public String name() {
		return "changelog";
	}

	@Override
	public List<ValidationFinding> check() {
		LiquibaseRunner runner = this.migrations.runner();
		if (!this.resourceLoader.getResource(runner.changeLog()).exists()) {
			return List.of();
		}
		return runner.run("validating the changelog against", (liquibase) -> {
			List<ValidationFinding> findings = new ArrayList<>();
			try {
				liquibase.validate();
			}
			catch (LiquibaseException | RuntimeException ex) {
				ValidationFailedException failed = validationFailure(ex);
				if (failed == null) {
					throw ex;
				}
				for (String checksum : failed.getInvalidMD5Sums()) {
					findings.add(new ValidationFinding("changelog-checksum", Severity.ERROR, runner.changeLog(),
							"applied changeset was edited since it ran: " + checksum.strip(),
							"restore the changeset as it was applied and put the change in a new changeset; if the edit"
									+ " is harmless, add validCheckSum with the new checksum to the changeset"));
				}
				if (failed.getInvalidMD5Sums().isEmpty()) {
					findings.add(new ValidationFinding("changelog", Severity.ERROR, runner.changeLog(),
							String.valueOf(failed.getMessage()).strip(), "fix the changelog as the message says"));
				}
			}
			MigrationOperations.unexpected(liquibase)
				.forEach((ran) -> findings.add(new ValidationFinding("changelog-unexpected", Severity.WARNING,
						ChangeSetInfo.of(ran).qualifiedId(),
						"changeset " + ChangeSetInfo.of(ran).qualifiedId()
								+ " is recorded as applied but is not in the changelog",
						"put it back in the changelog, or remove its row from the changelog table if it was"
								+ " rolled back by hand")));
			return findings;
		});
	}

	private static @Nullable ValidationFailedException validationFailure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof ValidationFailedException failed) {
				return failed;
			}
		}
		return null;
	}

}
