package io.github.chanuka.database.metrics;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Statement totals read from the {@code jdbc.query} timers that datasource-micrometer's
 * observations produce for the starter's pools, used instead of the starter's own
 * statement timing when that library instruments the statements.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class ObservedQueryStatistics implements QueryStatistics {

	private static final String TIMER = "jdbc.query";

	private final Supplier<@Nullable MeterRegistry> registry;

	/**
	 * Create an instance.
	 * @param registry the application's meter registry, if any
	 */
	public ObservedQueryStatistics(Supplier<@Nullable MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public QueryTotals totals() {
		MeterRegistry current = this.registry.get();
		if (current == null) {
			return QueryTotals.NONE;
		}
		long count = 0;
		long failed = 0;
		double totalMillis = 0;
		for (Timer timer : current.find(TIMER).timers()) {
			if (!isOurs(timer)) {
				continue;
			}
			count += timer.count();
			totalMillis += timer.totalTime(TimeUnit.MILLISECONDS);
			String error = timer.getId().getTag("error");
			if (error != null && !error.equals("none")) {
				failed += timer.count();
			}
		}
		return new QueryTotals(count, failed, 0, (count > 0) ? totalMillis / count : 0, 0);
	}

	private static boolean isOurs(Timer timer) {
		for (Tag tag : timer.getId().getTags()) {
			if (tag.getValue().startsWith("chanuka-")) {
				return true;
			}
		}
		return false;
	}

}
