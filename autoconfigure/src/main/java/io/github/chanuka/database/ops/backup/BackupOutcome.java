package io.github.chanuka.database.ops.backup;

import java.util.Locale;

/**
 * How a scheduled backup ended; the {@code outcome} tag of {@code chanuka.db.backups}.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public enum BackupOutcome {

	/**
	 * The backup was made, verified and old backups pruned.
	 */
	SUCCESS,

	/**
	 * The backup failed; it is tried again at the next scheduled time.
	 */
	FAILURE,

	/**
	 * Another instance of the application held the backup lock, so this one did not
	 * back up.
	 */
	SKIPPED;

	/**
	 * Return the value of the {@code outcome} tag.
	 * @return the name in lower case
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
