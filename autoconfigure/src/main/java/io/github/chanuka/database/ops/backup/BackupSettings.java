package io.github.chanuka.database.ops.backup;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Where backups go, which client tools make them and how long they may take.
 *
 * @param directory the directory of backups without an explicit file, {@code null} for
 * the working directory
 * @param pgDumpPath the {@code pg_dump} to use, {@code null} to find it on the PATH
 * @param pgRestorePath the {@code pg_restore} to use, {@code null} to find it next to
 * {@code pg_dump} or on the PATH
 * @param timeout how long {@code pg_dump} or {@code pg_restore} may run before it is
 * stopped
 * @param lockWaitTimeout how long {@code pg_dump} and {@code pg_restore} wait for a lock
 * before they fail
 * @author Chanuka Database
 * @since 0.1.0
 */
public record BackupSettings(@Nullable Path directory, @Nullable Path pgDumpPath, @Nullable Path pgRestorePath,
		Duration timeout, Duration lockWaitTimeout) {

	/**
	 * Timeout of {@code pg_dump} and {@code pg_restore} when none is given.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

	/**
	 * Lock wait timeout of {@code pg_dump} and {@code pg_restore} when none is given.
	 */
	public static final Duration DEFAULT_LOCK_WAIT_TIMEOUT = Duration.ofSeconds(30);

	public BackupSettings {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("The backup timeout must be positive, was " + timeout);
		}
		if (lockWaitTimeout.isNegative() || lockWaitTimeout.isZero()) {
			throw new IllegalArgumentException("The lock wait timeout must be positive, was " + lockWaitTimeout);
		}
	}

	/**
	 * Create settings with the default timeouts.
	 * @param directory the directory of backups without an explicit file, {@code null}
	 * for the working directory
	 * @param pgDumpPath the {@code pg_dump} to use, {@code null} to find it on the PATH
	 * @param pgRestorePath the {@code pg_restore} to use, {@code null} to find it next to
	 * {@code pg_dump} or on the PATH
	 */
	public BackupSettings(@Nullable Path directory, @Nullable Path pgDumpPath, @Nullable Path pgRestorePath) {
		this(directory, pgDumpPath, pgRestorePath, DEFAULT_TIMEOUT, DEFAULT_LOCK_WAIT_TIMEOUT);
	}

}
