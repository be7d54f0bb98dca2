package io.github.chanuka.database.ops.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Backs up the primary on a cron schedule into a directory, verifies each backup and
 * keeps only the newest ones. A failed backup is logged and retried at the next
 * scheduled time. Stopping cancels the next run and waits up to 30 seconds for a backup in
 * progress to finish, so none is left unverified or unpruned.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class BackupSchedule implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(BackupSchedule.class);

	private static final int STOP_TIMEOUT_SECONDS = 30;

	private final BackupOperations backups;

	private final Path directory;

	private final CronTrigger trigger;

	private final int retention;

	private volatile boolean autoStartup = true;

	private volatile @Nullable ThreadPoolTaskScheduler scheduler;

	private volatile @Nullable ScheduledFuture<?> scheduled;

	/**
	 * Create a schedule.
	 * @param backups makes the backups
	 * @param directory where backups go
	 * @param cron when backups run, a Spring cron expression
	 * @param retention how many scheduled backups to keep, 1 or more
	 */
	public BackupSchedule(BackupOperations backups, Path directory, String cron, int retention) {
		this.backups = backups;
		this.directory = directory;
		this.trigger = new CronTrigger(cron);
		this.retention = retention;
	}

	/**
	 * Back up now into the directory and delete the backups beyond the retention.
	 * @return the backup
	 */
	public BackupResult backupNow() {
		BackupResult result = this.backups.backup(this.directory.resolve(this.backups.newBackupFile().getFileName()));
		List<Path> deleted = prune();
		logger.info("Backed up " + result.database() + " to " + result.file() + " (" + result.sizeBytes() + " bytes, "
				+ result.entries() + " entries verified)"
				+ (deleted.isEmpty() ? "" : "; deleted " + deleted.size() + " old backup(s)"));
		return result;
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

	private void backupOnSchedule() {
		try {
			backupNow();
		}
		catch (RuntimeException ex) {
			logger.error("Scheduled backup of " + this.backups.database() + " failed; next attempt at "
					+ this.trigger.getExpression() + ": " + ex.getMessage(), ex);
		}
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
		this.scheduled = taskScheduler.schedule(this::backupOnSchedule, this.trigger);
		this.scheduler = taskScheduler;
	}

	@Override
	public void stop() {
		ThreadPoolTaskScheduler taskScheduler = this.scheduler;
		ScheduledFuture<?> next = this.scheduled;
		this.scheduler = null;
		this.scheduled = null;
		if (next != null) {
			next.cancel(false);
		}
		if (taskScheduler != null) {
			taskScheduler.shutdown();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
