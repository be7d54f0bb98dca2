package io.github.chanuka.database.ops.backup;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

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
public record BackupSettings(@Nullable Path directory, @Nullable Path pgDumpPath, @Nullable Path pgRestorePath) {

}
