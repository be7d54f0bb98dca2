package io.github.chanuka.database.metrics;

import io.github.chanuka.database.alert.DatabaseAlertEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;

/**
 * Counts fired alerts as {@code chanuka.db.alerts} (tags {@code rule},
 * {@code severity}).
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class AlertMetrics implements ApplicationListener<DatabaseAlertEvent>, MeterBinder {

	private volatile @Nullable MeterRegistry registry;

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onApplicationEvent(DatabaseAlertEvent event) {
		MeterRegistry current = this.registry;
		if (current != null && event.getState() == DatabaseAlertEvent.State.FIRING) {
			Counter.builder("chanuka.db.alerts")
				.description("Database alerts fired")
				.tag("rule", event.getAlert().rule())
				.tag("severity", event.getAlert().severity().tagValue())
				.register(current)
				.increment();
		}
	}

}
