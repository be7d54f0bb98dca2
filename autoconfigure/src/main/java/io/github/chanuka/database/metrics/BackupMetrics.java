package io.github.chanuka.database.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Counts scheduled backups as {@code chanuka.db.backups} (tag {@code outcome}:
 * {@code success}, {@code failure} or {@code skipped} when another instance made it).
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class BackupMetrics implements MeterBinder {

	private volatile @Nullable MeterRegistry registry;

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Count a scheduled backup.
	 * @param outcome how it ended, such as {@code failure}
	 */
	public void backupFinished(String outcome) {
		MeterRegistry current = this.registry;
		if (current != null) {
			Counter.builder("chanuka.db.backups")
				.description("Scheduled backups, by how they ended")
				.tag("outcome", outcome)
				.register(current)
				.increment();
		}
	}

}
