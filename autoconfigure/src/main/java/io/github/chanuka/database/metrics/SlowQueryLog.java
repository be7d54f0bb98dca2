package io.github.chanuka.database.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Rate-limits the slow-statement WARN: at most one line per statement shape (its
 * masked text) and node per interval; the next line says how many were held back.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class SlowQueryLog {

	/**
	 * Shapes remembered at most; past this, shapes not logged within the interval are
	 * forgotten, so that statements built with inlined values cannot grow the map.
	 */
	private static final int MAX_SHAPES = 1000;

	private final long intervalNanos;

	private final LongSupplier nanoClock;

	private final Consumer<String> sink;

	private final Map<String, Shape> shapes = new ConcurrentHashMap<>();

	/**
	 * Create a new instance.
	 * @param interval shortest time between two lines for one shape
	 * @param nanoClock source of {@link System#nanoTime()}-like readings
	 * @param sink where lines go, such as a logger's {@code warn}
	 */
	public SlowQueryLog(Duration interval, LongSupplier nanoClock, Consumer<String> sink) {
		this.intervalNanos = interval.toNanos();
		this.nanoClock = nanoClock;
		this.sink = sink;
	}

	/**
	 * Log a slow statement unless its shape was logged within the interval.
	 * @param node the node name
	 * @param role the node's role tag
	 * @param nanos how long the statement took
	 * @param thresholdNanos the slow-statement threshold
	 * @param maskedSql the statement with literals masked
	 */
	public void slow(String node, String role, long nanos, long thresholdNanos, String maskedSql) {
		long now = this.nanoClock.getAsLong();
		if (this.shapes.size() >= MAX_SHAPES) {
			this.shapes.values().removeIf((shape) -> now - shape.loggedAt >= this.intervalNanos);
		}
		Shape shape = this.shapes.computeIfAbsent(node + '\u0000' + maskedSql, (key) -> new Shape());
		long suppressed;
		synchronized (shape) {
			if (shape.logged && now - shape.loggedAt < this.intervalNanos) {
				shape.suppressed++;
				return;
			}
			suppressed = shape.suppressed;
			shape.suppressed = 0;
			shape.logged = true;
			shape.loggedAt = now;
		}
		this.sink.accept("Slow statement on " + node + " (" + role + "): " + TimeUnit.NANOSECONDS.toMillis(nanos)
				+ " ms, over the " + TimeUnit.NANOSECONDS.toMillis(thresholdNanos) + " ms threshold: " + maskedSql
				+ ((suppressed > 0) ? " (" + suppressed + " more of this statement not logged in the last "
						+ TimeUnit.NANOSECONDS.toSeconds(this.intervalNanos) + " s)" : ""));
	}

	private static final class Shape {

		private boolean logged;

		private long loggedAt;

		private long suppressed;

	}

}
