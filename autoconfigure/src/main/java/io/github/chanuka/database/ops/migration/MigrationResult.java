package io.github.chanuka.database.ops.migration;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Outcome of a migration or a rollback.
 *
 * @param changelog the changelog, as configured
 * @param database the primary, URL masked
 * @param dryRun whether the database was left untouched
 * @param changeSets the changesets applied or rolled back, or that would be on a dry
 * run
 * @param sql the SQL that would run, on a dry run; {@code null} otherwise
 * @author Chanuka Database
 * @since 0.1.0
 */
public record MigrationResult(String changelog, String database, boolean dryRun, List<ChangeSetInfo> changeSets,
		@Nullable String sql) {

	public MigrationResult {
		changeSets = List.copyOf(changeSets);
	}

}
