package io.github.chanuka.database.ops.backup;

/**
 * How far {@code db backup} checks the archive it wrote.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public enum BackupVerification {

	/**
	 * Read its table of contents with {@code pg_restore --list}.
	 */
	LIST,

	/**
	 * Also restore it into a scratch database, compare the row count of every table with
	 * the source as it was dumped, and drop the scratch database.
	 */
	RESTORE

}
