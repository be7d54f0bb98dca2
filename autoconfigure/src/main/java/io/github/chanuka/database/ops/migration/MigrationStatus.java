package io.github.chanuka.database.ops.migration;

import java.util.List;

/**
 * Changesets applied to the primary and still to apply.
 *
 * @param changelog the changelog, as configured
 * @param database the primary, URL masked
 * @param applied changesets recorded as applied, in the order they ran
 * @param pending changesets of the changelog not applied yet
 * @param unexpected changesets recorded as applied that the changelog no longer holds
 * @author Chanuka Database
 * @since 0.1.0
 */
public record MigrationStatus(String changelog, String database, List<ChangeSetInfo> applied,
		List<ChangeSetInfo> pending, List<ChangeSetInfo> unexpected) {

	public MigrationStatus {
		applied = List.copyOf(applied);
		pending = List.copyOf(pending);
		unexpected = List.copyOf(unexpected);
	}

	/**
	 * Return whether every changeset is applied and none is unexpected.
	 * @return whether the database matches the changelog
	 */
	public boolean isUpToDate() {
		return this.pending.isEmpty() && this.unexpected.isEmpty();
	}

}
