package io.github.chanuka.database.ops.backup;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * A verified backup.
 *
 * @param file the custom-format archive
 * @param sizeBytes its size
 * @param entries the entries {@code pg_restore --list} found in it
 * @param database the database backed up, URL masked
 * @param tool the {@code pg_dump} used and its version
 * @param serverVersion the server's version
 * @param restoreCheck the restore into a scratch database, {@code null} unless asked for
 * @author Chanuka Database
 * @since 0.1.0
 */
public record BackupResult(Path file, long sizeBytes, int entries, String database, String tool,
		String serverVersion, @Nullable RestoreCheck restoreCheck) {

	/**
	 * Create a result verified with {@code pg_restore --list} only.
	 * @param file the custom-format archive
	 * @param sizeBytes its size
	 * @param entries the entries {@code pg_restore --list} found in it
	 * @param database the database backed up, URL masked
	 * @param tool the {@code pg_dump} used and its version
	 * @param serverVersion the server's version
	 */
	public BackupResult(Path file, long sizeBytes, int entries, String database, String tool, String serverVersion) {
		this(file, sizeBytes, entries, database, tool, serverVersion, null);
	}

}
