package io.github.chanuka.database.autoconfigure;

import io.github.chanuka.database.ops.backup.BackupSettings;

import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Resolves and checks the {@code chanuka.database.backup.*} settings.
 *
 * @author Chanuka Database
 */
final class OperationsBackupSettings {

	private static final String PREFIX = "chanuka.database.backup";

	private OperationsBackupSettings() {
	}

	static BackupSettings resolve(ChanukaDatabaseProperties.Backup backup) {
		return new BackupSettings(backup.getDirectory(), backup.getPgDumpPath(), backup.getPgRestorePath(),
				backup.getTimeout(), backup.getLockWaitTimeout());
	}

	/**
	 * Check the settings of scheduled backups, failing with the key, the value and the
	 * fix.
	 * @param backup the backup properties, with a schedule
	 */
	static void validateSchedule(ChanukaDatabaseProperties.Backup backup) {
		ConfigurationProblems problems = new ConfigurationProblems();
		validateSchedule(backup, problems);
		problems.throwIfAny();
	}

	/**
	 * Check the settings of scheduled backups, recording every bad value.
	 * @param backup the backup properties, with a schedule
	 * @param problems where problems are recorded
	 */
	static void validateSchedule(ChanukaDatabaseProperties.Backup backup, ConfigurationProblems problems) {
		String schedule = backup.getSchedule();
		Assert.state(schedule != null, "Only called with a backup schedule");
		try {
			CronExpression.parse(schedule);
		}
		catch (IllegalArgumentException ex) {
			problems.add(PREFIX + ".schedule", schedule,
					"The backup schedule is not a cron expression: " + ex.getMessage(),
					"Set " + PREFIX + ".schedule to a Spring cron expression of six fields (second minute hour"
							+ " day month weekday), such as '0 0 3 * * *' for 03:00 every day, or '@daily'.");
		}
		if (backup.getDirectory() == null || !StringUtils.hasText(backup.getDirectory().toString())) {
			problems.add(PREFIX + ".directory", null,
					"Scheduled backups need a directory to write to",
					"Set " + PREFIX + ".directory to a directory with room for " + backup.getRetention()
							+ " backups, or unset " + PREFIX + ".schedule.");
		}
		if (backup.getRetention() < 1) {
			problems.add(PREFIX + ".retention", String.valueOf(backup.getRetention()),
					"At least one scheduled backup must be kept",
					"Set " + PREFIX + ".retention to 1 or more (the default keeps 7).");
		}
	}

}
