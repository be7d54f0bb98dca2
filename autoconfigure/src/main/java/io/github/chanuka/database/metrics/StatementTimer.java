package io.github.chanuka.database.metrics;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.github.chanuka.database.node.NodeRole;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Records the statements of one node: the {@code chanuka.db.queries} timer of each
 * outcome and the {@code chanuka.db.queries.slow} counter, resolved once when the
 * registry is bound, and the totals behind {@link QueryStatistics}. A slow statement is
 * handed to the {@link SlowQueryLog} with its SQL masked.
 *
 * @author Chanuka Database
 */
final class StatementTimer {

	private static final Log logger = LogFactory.getLog(QueryMetrics.class);

	private final String node;

	private final NodeRole role;

	private final long slowThresholdNanos;

	private final SlowQueryLog slowLog;

	private final LongAdder count = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder slow = new LongAdder();

	private final LongAdder totalNanos = new LongAdder();

	private volatile @Nullable Timer succeeded;

	private volatile @Nullable Timer errors;

	private volatile @Nullable Counter slowCounter;

	StatementTimer(String node, NodeRole role, long slowThresholdNanos, SlowQueryLog slowLog) {
		this.node = node;
		this.role = role;
		this.slowThresholdNanos = slowThresholdNanos;
		this.slowLog = slowLog;
	}

	void bind(MeterRegistry registry) {
		this.succeeded = timer(registry, "success");
		this.errors = timer(registry, "error");
		this.slowCounter = Counter.builder("chanuka.db.queries.slow")
			.description("Statements slower than chanuka.database.monitoring.slow-query-threshold")
			.tag("node", this.node)
			.tag("role", this.role.tagValue())
			.register(registry);
	}

	private Timer timer(MeterRegistry registry, String outcome) {
		return Timer.builder("chanuka.db.queries")
			.description("Statements run on a node")
			.tag("node", this.node)
			.tag("role", this.role.tagValue())
			.tag("outcome", outcome)
			.publishPercentiles(0.95)
			.register(registry);
	}

	/**
	 * Record a statement that started at the given {@link System#nanoTime()}.
	 * @param startNanos when the statement started
	 * @param success whether it returned normally
	 * @param sql its SQL, logged masked when it was slow
	 */
	void record(long startNanos, boolean success, @Nullable String sql) {
		long nanos = System.nanoTime() - startNanos;
		if (recordAndCheckSlow(nanos, success)) {
			this.slowLog.slow(this.node, this.role.tagValue(), nanos, this.slowThresholdNanos,
					(sql != null) ? SqlMasker.mask(sql) : "");
		}
	}

	/**
	 * Record a batch of SQL strings that started at the given {@link System#nanoTime()}.
	 * @param startNanos when the batch started
	 * @param success whether it returned normally
	 * @param batch the SQL of each statement in the batch, logged masked when it was slow
	 */
	void record(long startNanos, boolean success, List<String> batch) {
		long nanos = System.nanoTime() - startNanos;
		if (recordAndCheckSlow(nanos, success)) {
			StringBuilder text = new StringBuilder();
			for (String sql : batch) {
				if (!text.isEmpty()) {
					text.append("; ");
				}
				text.append(SqlMasker.mask(sql));
			}
			this.slowLog.slow(this.node, this.role.tagValue(), nanos, this.slowThresholdNanos, text.toString());
		}
	}

	private boolean recordAndCheckSlow(long nanos, boolean success) {
		this.count.increment();
		this.totalNanos.add(nanos);
		Timer timer = success ? this.succeeded : this.errors;
		if (!success) {
			this.failed.increment();
		}
		if (timer != null) {
			timer.record(nanos, TimeUnit.NANOSECONDS);
		}
		if (nanos <= this.slowThresholdNanos) {
			return false;
		}
		this.slow.increment();
		Counter counter = this.slowCounter;
		if (counter != null) {
			counter.increment();
		}
		return logger.isWarnEnabled();
	}

	long count() {
		return this.count.sum();
	}

	long failed() {
		return this.failed.sum();
	}

	long slow() {
		return this.slow.sum();
	}

	long totalNanos() {
		return this.totalNanos.sum();
	}

	double p95Millis() {
		double p95 = 0;
		for (Timer timer : new Timer[] { this.succeeded, this.errors }) {
			if (timer != null) {
				for (var percentile : timer.takeSnapshot().percentileValues()) {
					p95 = Math.max(p95, percentile.value(TimeUnit.MILLISECONDS));
				}
			}
		}
		return p95;
	}

}
