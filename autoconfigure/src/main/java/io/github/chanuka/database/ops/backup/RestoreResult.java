package io.github.chanuka.database.ops.backup;

import java.nio.file.Path;

/**
 * A restore, done or previewed.
 *
 * @param file the archive
 * @param entries the entries it holds
 * @param database the database restored into, URL masked
 * @param tool the {@code pg_restore} used and its version
 * @param restored whether the archive was restored, rather than only verified
 * @author Chanuka Database
 * @since 0.1.0
 */
public record RestoreResult(Path file, int entries, String database, String tool, boolean restored) {

}
