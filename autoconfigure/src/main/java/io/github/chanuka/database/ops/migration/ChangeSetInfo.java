package io.github.chanuka.database.ops.migration;

import java.time.Instant;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;
import org.jspecify.annotations.Nullable;

/**
 * A Liquibase changeset as the commands show it.
 *
 * @param id the changeset id
 * @param author the changeset author
 * @param changelog the changelog file that holds it
 * @param description what it changes, as Liquibase describes it
 * @param executedAt when it was applied, {@code null} when it was not
 * @param tag the tag recorded on it, {@code null} when none
 * @author Chanuka Database
 * @since 0.1.0
 */
public record ChangeSetInfo(String id, String author, String changelog, String description,
		@Nullable Instant executedAt, @Nullable String tag) {

	static ChangeSetInfo of(ChangeSet changeSet) {
		return new ChangeSetInfo(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath(),
				changeSet.getDescription(), null, null);
	}

	static ChangeSetInfo of(RanChangeSet ran) {
		return new ChangeSetInfo(ran.getId(), ran.getAuthor(), ran.getChangeLog(), ran.getDescription(),
				(ran.getDateExecuted() != null) ? ran.getDateExecuted().toInstant() : null, ran.getTag());
	}

	/**
	 * Return the changeset's identity as Liquibase prints it.
	 * @return {@code changelog::id::author}
	 */
	public String qualifiedId() {
		return this.changelog + "::" + this.id + "::" + this.author;
	}

}
