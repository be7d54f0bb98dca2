package io.github.chanuka.database.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

import io.github.chanuka.database.resilience.OperationListener;
import io.github.chanuka.database.resilience.RetryStatistics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Times database operations as {@code chanuka.db.operations} (tags {@code operation},
 * {@code outcome}) and counts their retries as {@code chanuka.db.retries} (tag
 * {@code operation}).
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class OperationMetrics implements OperationListener, RetryStatistics, MeterBinder {

	private final LongAdder retries = new LongAdder();

	private final Map<String, AtomicReferenceArray<@Nullable Timer>> timers = new ConcurrentHashMap<>();

	private volatile @Nullable MeterRegistry registry;

	@Override
	public long totalRetries() {
		return this.retries.sum();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.timers.clear();
		this.registry = registry;
		// a removed timer would go on recording where no one reads it
		registry.config().onMeterRemoved((meter) -> this.timers.clear());
	}

	@Override
	public void completed(String operation, Outcome outcome, long nanos) {
		MeterRegistry current = this.registry;
		if (current != null) {
			timer(current, operation, outcome).record(nanos, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Return the timer of an operation and outcome, registered once: operation names are
	 * few (the executor caps them), and building a timer on every call cost more than the
	 * operation's own bookkeeping.
	 */
	private Timer timer(MeterRegistry registry, String operation, Outcome outcome) {
		AtomicReferenceArray<@Nullable Timer> byOutcome = this.timers.computeIfAbsent(operation,
				(key) -> new AtomicReferenceArray<>(Outcome.values().length));
		Timer timer = byOutcome.get(outcome.ordinal());
		if (timer == null) {
			timer = Timer.builder("chanuka.db.operations")
				.description("Database operations, retries included")
				.tag("operation", operation)
				.tag("outcome", outcome.tagValue())
				.register(registry);
			byOutcome.set(outcome.ordinal(), timer);
		}
		return timer;
	}

	@Override
	public void retrying(String operation) {
		this.retries.increment();
		MeterRegistry current = this.registry;
		if (current != null) {
			Counter.builder("chanuka.db.retries")
				.description("Retries of database operations after a transient failure")
				.tag("operation", operation)
				.register(current)
				.increment();
		}
	}

}
