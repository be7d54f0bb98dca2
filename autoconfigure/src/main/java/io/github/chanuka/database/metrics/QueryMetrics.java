package io.github.chanuka.database.metrics;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import io.github.chanuka.database.node.NodeDataSourceDecorator;
import io.github.chanuka.database.node.NodeRole;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import net.ttddyy.dsproxy.ConnectionIdManager;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.NanoTimeStopwatchFactory;
import net.ttddyy.dsproxy.proxy.ProxyConfig;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Times every statement of every node with datasource-proxy as
 * {@code chanuka.db.queries} (tags {@code node}, {@code role}, {@code outcome}), counts
 * statements slower than the threshold as {@code chanuka.db.queries.slow} and logs them
 * at WARN with node, duration and masked SQL, never parameter values, at most once a
 * minute per statement shape ({@link SlowQueryLog}).
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class QueryMetrics implements NodeDataSourceDecorator, MeterBinder, QueryStatistics {

	private static final Log logger = LogFactory.getLog(QueryMetrics.class);

	private static final StatementTimingProxyFactory PROXY_FACTORY = new StatementTimingProxyFactory();

	private final long slowThresholdNanos;

	private final List<NodeQueries> nodes = new CopyOnWriteArrayList<>();

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
		NodeQueries queries = new NodeQueries(node, role);
		this.nodes.add(queries);
		MeterRegistry current = this.registry;
		if (current != null) {
			queries.bind(current);
		}
		ProxyDataSource proxy = new ProxyDataSource(pool);
		proxy.setProxyConfig(ProxyConfig.Builder.create()
			.dataSourceName("chanuka-" + node)
			.queryListener(queries)
			.stopwatchFactory(new NanoTimeStopwatchFactory())
			.connectionIdManager(UntrackedConnectionIds.INSTANCE)
			.jdbcProxyFactory(PROXY_FACTORY)
			.build());
		return proxy;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		this.nodes.forEach((queries) -> queries.bind(registry));
	}

	@Override
	public QueryTotals totals() {
		long count = 0;
		long failed = 0;
		long slow = 0;
		long totalNanos = 0;
		double p95 = 0;
		for (NodeQueries queries : this.nodes) {
			count += queries.count.sum();
			failed += queries.failed.sum();
			slow += queries.slow.sum();
			totalNanos += queries.totalNanos.sum();
			p95 = Math.max(p95, queries.p95Millis());
		}
		return new QueryTotals(count, failed, slow, (count > 0) ? totalNanos / 1e6 / count : 0, p95);
	}

	private final class NodeQueries implements QueryExecutionListener {

		private final String node;

		private final NodeRole role;

		private final LongAdder count = new LongAdder();

		private final LongAdder failed = new LongAdder();

		private final LongAdder slow = new LongAdder();

		private final LongAdder totalNanos = new LongAdder();

		private volatile @Nullable Timer succeeded;

		private volatile @Nullable Timer errors;

		private volatile @Nullable Counter slowCounter;

		NodeQueries(String node, NodeRole role) {
			this.node = node;
			this.role = role;
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

		@Override
		public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
		}

		@Override
		public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
			long nanos = execution.getElapsedTime();
			this.count.increment();
			this.totalNanos.add(nanos);
			Timer timer = execution.isSuccess() ? this.succeeded : this.errors;
			if (!execution.isSuccess()) {
				this.failed.increment();
			}
			if (timer != null) {
				timer.record(nanos, TimeUnit.NANOSECONDS);
			}
			if (nanos > QueryMetrics.this.slowThresholdNanos) {
				this.slow.increment();
				Counter counter = this.slowCounter;
				if (counter != null) {
					counter.increment();
				}
				if (logger.isWarnEnabled()) {
					QueryMetrics.this.slowLog.slow(this.node, this.role.tagValue(), nanos,
							QueryMetrics.this.slowThresholdNanos, sql(queries));
				}
			}
		}

		private String sql(List<QueryInfo> queries) {
			StringBuilder text = new StringBuilder();
			for (QueryInfo query : queries) {
				if (!text.isEmpty()) {
					text.append("; ");
				}
				text.append(SqlMasker.mask(query.getQuery()));
			}
			return text.toString();
		}

	}

	/**
	 * Connection ids are only used by datasource-proxy's logging listeners, which the
	 * starter does not install; its default manager takes a lock per node on every
	 * connection handed out and returned, so no ids are tracked.
	 */
	private static final class UntrackedConnectionIds implements ConnectionIdManager {

		static final UntrackedConnectionIds INSTANCE = new UntrackedConnectionIds();

		@Override
		public String getId(Connection connection) {
			return "untracked";
		}

		@Override
		public void addClosedId(String closedId) {
		}

		@Override
		public Set<String> getOpenConnectionIds() {
			return Set.of();
		}

	}

}
