package io.github.chanuka.database.metrics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.github.chanuka.database.node.NodeDataSourceDecorator;
import io.github.chanuka.database.node.NodeRole;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Times every statement of every node as {@code chanuka.db.queries} (tags {@code node},
 * {@code role}, {@code outcome}), counts statements slower than the threshold as
 * {@code chanuka.db.queries.slow} and logs them at WARN with node, duration and masked
 * SQL, never parameter values, at most once a minute per statement shape
 * ({@link SlowQueryLog}). Connections and statements are wrapped in final delegating
 * classes that time only the {@code execute*} calls, in nanoseconds, against timers
 * resolved once per node and outcome, with no object built per call.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class QueryMetrics implements NodeDataSourceDecorator, MeterBinder, QueryStatistics {

	private static final Log logger = LogFactory.getLog(QueryMetrics.class);

	private final long slowThresholdNanos;

	private final List<StatementTimer> nodes = new CopyOnWriteArrayList<>();

	private volatile @Nullable MeterRegistry registry;

	private final SlowQueryLog slowLog;

	/**
	 * Create an instance that logs each statement shape at most once a minute.
	 * @param slowThreshold statements slower than this are counted and logged
	 */
	public QueryMetrics(Duration slowThreshold) {
		this(slowThreshold, new SlowQueryLog(Duration.ofMinutes(1), System::nanoTime, logger::warn));
	}

	/**
	 * Create an instance.
	 * @param slowThreshold statements slower than this are counted and logged
	 * @param slowLog where slow statements are logged
	 */
	public QueryMetrics(Duration slowThreshold, SlowQueryLog slowLog) {
		this.slowThresholdNanos = slowThreshold.toNanos();
		this.slowLog = slowLog;
	}

	@Override
	public DataSource decorate(String node, NodeRole role, DataSource pool) {
		StatementTimer timer = new StatementTimer(node, role, this.slowThresholdNanos, this.slowLog);
		this.nodes.add(timer);
		MeterRegistry current = this.registry;
		if (current != null) {
			timer.bind(current);
		}
		return new DelegatingDataSource(pool) {

			@Override
			public Connection getConnection() throws SQLException {
				return new TimedConnection(obtainTargetDataSource().getConnection(), timer);
			}

			@Override
			public Connection getConnection(String username, String password) throws SQLException {
				return new TimedConnection(obtainTargetDataSource().getConnection(username, password), timer);
			}

		};
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		this.nodes.forEach((timer) -> timer.bind(registry));
	}

	@Override
	public QueryTotals totals() {
		long count = 0;
		long failed = 0;
		long slow = 0;
		long totalNanos = 0;
		double p95 = 0;
		for (StatementTimer timer : this.nodes) {
			count += timer.count();
			failed += timer.failed();
			slow += timer.slow();
			totalNanos += timer.totalNanos();
			p95 = Math.max(p95, timer.p95Millis());
		}
		return new QueryTotals(count, failed, slow, (count > 0) ? totalNanos / 1e6 / count : 0, p95);
	}

}
