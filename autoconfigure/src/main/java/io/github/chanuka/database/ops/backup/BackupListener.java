package io.github.chanuka.database.ops.backup;

/**
 * Told how each scheduled backup ended, such as to count it in a meter. Beans of this
 * type are picked up by the backup schedule.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@FunctionalInterface
public interface BackupListener {

	/**
	 * Called after each scheduled run, on the backup thread.
	 * @param outcome how it ended
	 */
	void scheduledBackupFinished(BackupOutcome outcome);

}
