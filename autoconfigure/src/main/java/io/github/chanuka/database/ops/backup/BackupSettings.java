package io.github.chanuka.database.ops.backup;

import java.nio.file.Path;

/**
 * Where backups go and which client tools make them.
 *
 * @param directory the directory of backups without an explicit file, {@code null} for
 * the working directory
 * @param pgDumpPath the {@code pg_dump} to use, {@code null} to find it on the PATH
 * @param pgRestorePath the {@code pg_restore} to use, {@code null} to find it next to
 * {@code pg_dump} or on the PATH
 * @author Chanuka Database
 * @since 0.1.0
 */
public record BackupSettings(Path directory, Path pgDumpPath, Path pgRestorePath) {

}
