package io.github.chanuka.database.ops.backup;

import java.nio.file.Path;

/**
 * A verified backup.
 *
 * @param file the custom-format archive
 * @param sizeBytes its size
 * @param entries the entries {@code pg_restore --list} found in it
 * @param database the database backed up, URL masked
 * @param tool the {@code pg_dump} used and its version
 * @param serverVersion the server's version
 * @author Chanuka Database
 * @since 0.1.0
 */
public record BackupResult(Path file, long sizeBytes, int entries, String database, String tool,
		String serverVersion) {

}
