package io.github.chanuka.database.ops.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;

/**
 * Backs up the primary on a cron schedule into a directory, verifies each backup and
 * keeps only the newest ones.
 * <p>
 * Several instances of an application may share a database: each scheduled run first
 * takes a PostgreSQL advisory lock ({@code pg_try_advisory_lock}), and the instance
 * that gets it backs up and prunes while the others skip the run. The winner holds the
 * lock (on one connection of the primary's pool) for the backup and at least until half
 * the time to the next run (at most a minute) has passed since the scheduled time, so an
 * instance whose scheduler fires a little later still finds it taken: one backup per
 * scheduled time. Scheduled backups are named after their scheduled time, so a second
 * backup of the same run into a shared directory is refused rather than written.
 * <p>
 * A failed backup is logged, counted by the {@link BackupListener listeners} and
 * {@link #consecutiveFailures()} (behind the {@code backup-failed} alert), and tried
 * again at the next scheduled time. Stopping cancels the next run and waits up to 30
 * seconds for a backup in progress to finish, so none is left unverified or unpruned.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class BackupSchedule implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(BackupSchedule.class);

	private static final int STOP_TIMEOUT_SECONDS = 30;

	private static final Duration MAX_LOCK_GRACE = Duration.ofMinutes(1);

	private final BackupOperations backups;

	private final Path directory;

	private final String expression;

	private final CronExpression cron;

	private final int retention;

	private final List<BackupListener> listeners;

	private final ZoneId zone = ZoneId.systemDefault();

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	private final AtomicReference<@Nullable ScheduleLock> heldLock = new AtomicReference<>();

	private volatile boolean autoStartup = true;

	private volatile @Nullable ThreadPoolTaskScheduler scheduler;

	private volatile @Nullable ScheduledFuture<?> scheduled;

	private volatile @Nullable ScheduledFuture<?> lockRelease;

	/**
	 * Create a schedule.
	 * @param backups makes the backups
	 * @param directory where backups go
	 * @param cron when backups run, a Spring cron expression
	 * @param retention how many scheduled backups to keep, 1 or more
	 */
	public BackupSchedule(BackupOperations backups, Path directory, String cron, int retention) {
		this(backups, directory, cron, retention, List.of());
	}

	/**
	 * Create a schedule.
	 * @param backups makes the backups
	 * @param directory where backups go
	 * @param cron when backups run, a Spring cron expression
	 * @param retention how many scheduled backups to keep, 1 or more
	 * @param listeners told how each scheduled run ended
	 */
	public BackupSchedule(BackupOperations backups, Path directory, String cron, int retention,
			List<BackupListener> listeners) {
		this.backups = backups;
		this.directory = directory;
		this.expression = cron;
		this.cron = CronExpression.parse(cron);
		this.retention = retention;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Back up now into the directory and delete the backups beyond the retention. Takes
	 * no lock: scheduled runs do.
	 * @return the backup
	 */
	public BackupResult backupNow() {
		return backup(this.backups.newBackupFile());
	}

	private BackupResult backup(Path file) {
		BackupResult result = this.backups.backup(this.directory.resolve(file.getFileName()));
		List<Path> deleted = prune();
		logger.info("Backed up " + result.database() + " to " + result.file() + " (" + result.sizeBytes() + " bytes, "
				+ result.entries() + " entries verified)"
				+ (deleted.isEmpty() ? "" : "; deleted " + deleted.size() + " old backup(s)"));
		return result;
	}

	/**
	 * Return how many scheduled backups in a row have failed, 0 after one succeeds.
	 * @return the consecutive failures
	 */
	public int consecutiveFailures() {
		return this.consecutiveFailures.get();
	}

	/**
	 * Delete the oldest scheduled backups in the directory beyond the retention.
	 * @return the files deleted
	 */
	List<Path> prune() {
		Pattern scheduled = Pattern.compile(Pattern.quote(this.backups.filePrefix()) + "\\d{8}-\\d{6}-\\d{3}\\.dump");
		List<Path> backups;
		try (Stream<Path> files = Files.list(this.directory)) {
			backups = files.filter((file) -> scheduled.matcher(file.getFileName().toString()).matches())
				.sorted(Comparator.comparing((Path file) -> file.getFileName().toString()).reversed())
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the backups in " + this.directory, ex);
		}
		List<Path> deleted = new ArrayList<>();
		for (Path old : backups.subList(Math.min(this.retention, backups.size()), backups.size())) {
			try {
				Files.delete(old);
				deleted.add(old);
			}
			catch (IOException ex) {
				logger.warn("Could not delete old backup " + old + ": " + ex.getMessage());
			}
		}
		return deleted;
	}

	private void runScheduled(ZonedDateTime time) {
		try {
			finished(backupUnderLock(time));
		}
		finally {
			scheduleNext();
		}
	}

	private BackupOutcome backupUnderLock(ZonedDateTime time) {
		ScheduleLock lock;
		try {
			lock = ScheduleLock.tryAcquire(this.backups.primaryDataSource());
		}
		catch (SQLException | RuntimeException ex) {
			logger.error("Scheduled backup of " + this.backups.database() + " failed: the backup lock could not be"
					+ " taken (" + ex.getMessage() + "); next attempt at " + this.expression, ex);
			return BackupOutcome.FAILURE;
		}
		if (lock == null) {
			logger.info("Scheduled backup of " + this.backups.database() + " skipped: another instance holds the"
					+ " backup lock");
			return BackupOutcome.SKIPPED;
		}
		this.heldLock.set(lock);
		try {
			// named after the scheduled time: a second backup of the same run is refused, not written
			backup(this.backups.newBackupFile(time.toLocalDateTime()));
			return BackupOutcome.SUCCESS;
		}
		catch (RuntimeException ex) {
			logger.error("Scheduled backup of " + this.backups.database() + " failed; next attempt at "
					+ this.expression + ": " + ex.getMessage(), ex);
			return BackupOutcome.FAILURE;
		}
		finally {
			releaseLockAfter(time);
		}
	}

	private void releaseLockAfter(ZonedDateTime time) {
		ZonedDateTime next = this.cron.next(time);
		Duration grace = (next != null) ? Duration.between(time, next).dividedBy(2) : Duration.ZERO;
		Instant releaseAt = time.toInstant().plus((grace.compareTo(MAX_LOCK_GRACE) > 0) ? MAX_LOCK_GRACE : grace);
		ThreadPoolTaskScheduler taskScheduler = this.scheduler;
		if (taskScheduler != null && releaseAt.isAfter(Instant.now())) {
			this.lockRelease = taskScheduler.schedule(this::releaseLock, releaseAt);
		}
		else {
			releaseLock();
		}
	}

	private void releaseLock() {
		ScheduleLock lock = this.heldLock.getAndSet(null);
		if (lock != null) {
			lock.release();
		}
	}

	private void finished(BackupOutcome outcome) {
		if (outcome == BackupOutcome.FAILURE) {
			this.consecutiveFailures.incrementAndGet();
		}
		else if (outcome == BackupOutcome.SUCCESS) {
			this.consecutiveFailures.set(0);
		}
		for (BackupListener listener : this.listeners) {
			try {
				listener.scheduledBackupFinished(outcome);
			}
			catch (RuntimeException ex) {
				logger.warn("Backup listener " + listener + " failed: " + ex.getMessage(), ex);
			}
		}
	}

	private synchronized void scheduleNext() {
		ThreadPoolTaskScheduler taskScheduler = this.scheduler;
		if (taskScheduler == null) {
			return;
		}
		ZonedDateTime next = this.cron.next(ZonedDateTime.now(this.zone));
		if (next == null) {
			logger.warn("Backup schedule " + this.expression + " has no further run");
			return;
		}
		this.scheduled = taskScheduler.schedule(() -> runScheduled(next), next.toInstant());
	}

	/**
	 * Set whether the schedule starts with the application context; it does not when
	 * the application runs a {@code db} command.
	 * @param autoStartup whether to start with the context
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public void start() {
		ThreadPoolTaskScheduler taskScheduler = new ThreadPoolTaskScheduler();
		taskScheduler.setThreadNamePrefix("chanuka-backup-");
		taskScheduler.setDaemon(true);
		// a backup in progress finishes (verified and pruned) rather than being interrupted
		taskScheduler.setWaitForTasksToCompleteOnShutdown(true);
		taskScheduler.setAwaitTerminationSeconds(STOP_TIMEOUT_SECONDS);
		taskScheduler.initialize();
		this.scheduler = taskScheduler;
		scheduleNext();
	}

	@Override
	public void stop() {
		ThreadPoolTaskScheduler taskScheduler;
		synchronized (this) {
			taskScheduler = this.scheduler;
			this.scheduler = null;
			cancel(this.scheduled);
			this.scheduled = null;
			cancel(this.lockRelease);
		}
		if (taskScheduler != null) {
			taskScheduler.shutdown();
		}
		releaseLock();
	}

	private static void cancel(@Nullable ScheduledFuture<?> future) {
		if (future != null) {
			future.cancel(false);
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
