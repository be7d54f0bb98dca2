package io.github.chanuka.database.metrics;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Counts scheduled backups as {@code chanuka.db.backups} (tag {@code outcome}:
 * {@code success}, {@code failure} or {@code skipped} when another instance made it).
 * Every outcome is registered at zero when bound, so that a rate or increase over the
 * counter sees the first failure.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class BackupMetrics implements MeterBinder {

	private static final List<String> OUTCOMES = List.of("success", "failure", "skipped");

	private volatile @Nullable MeterRegistry registry;

	@Override
	public void bindTo(MeterRegistry registry) {
		OUTCOMES.forEach((outcome) -> counter(registry, outcome));
		this.registry = registry;
	}

	/**
	 * Count a scheduled backup.
	 * @param outcome how it ended, such as {@code failure}
	 */
	public void backupFinished(String outcome) {
		MeterRegistry current = this.registry;
		if (current != null) {
			counter(current, outcome).increment();
		}
	}

	private static Counter counter(MeterRegistry registry, String outcome) {
		return Counter.builder("chanuka.db.backups")
			.description("Scheduled backups, by how they ended")
			.tag("outcome", outcome)
			.register(registry);
	}

}
