package io.github.chanuka.database.node;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.zaxxer.hikari.SQLExceptionOverride;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Passive failure detection: a connection-class failure (SQLState class {@code 08},
 * {@code 57P01}-{@code 57P03}) on any of a node's connections, in a statement, in
 * COMMIT or ROLLBACK, or at acquisition, marks the node down at once, evicts its pooled
 * connections and asks the {@link NodeMonitor} for one shared probe, which re-admits the
 * node when it answers again. No caller waits for that probe.
 * <p>
 * Failures in statements and in COMMIT/ROLLBACK are seen through HikariCP's own
 * {@link SQLExceptionOverride} hook, which HikariCP calls for every
 * {@link SQLException} its connection and statement proxies pass on: no wrapper of our
 * own sits on the statement path. The hook leaves HikariCP's own decision (evicting the
 * broken connection) unchanged.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class PassiveFailureDetection {

	private static final Log logger = LogFactory.getLog(PassiveFailureDetection.class);

	private final Map<String, DatabaseNode> nodes = new ConcurrentHashMap<>();

	private final Supplier<@Nullable NodeMonitor> monitor;

	/**
	 * Create a detection.
	 * @param monitor the monitor asked for a probe after a failure, {@code null} while
	 * there is none (such as while the application starts)
	 */
	public PassiveFailureDetection(Supplier<@Nullable NodeMonitor> monitor) {
		this.monitor = monitor;
	}

	/**
	 * Return the hook to install in a node's pool before the pool starts.
	 * @param node the node name
	 * @return the hook
	 */
	public SQLExceptionOverride hookFor(String node) {
		return new SQLExceptionOverride() {

			@java.lang.Override
			public SQLExceptionOverride.Override adjudicate(SQLException failure) {
				DatabaseNode known = PassiveFailureDetection.this.nodes.get(node);
				if (known != null) {
					failed(known, failure);
				}
				return SQLExceptionOverride.Override.CONTINUE_EVICT;
			}

		};
	}

	/**
	 * Watch a node whose pool carries the {@link #hookFor hook}.
	 * @param node the node
	 */
	public void watch(DatabaseNode node) {
		this.nodes.put(node.name(), node);
	}

	/**
	 * React to a node's pool failing to hand out a connection. When the pool could not
	 * connect to the server (its timeout carries the last connection failure as its
	 * cause), the node is marked down and a probe requested; its pooled connections are
	 * left alone. A pool that only timed out because every connection was in use is busy,
	 * not down: the node stays usable, or every saturated replica would flap out of
	 * service and send its reads to the primary.
	 * @param node the node
	 * @param failure the failure
	 * @return whether the node was up before and is now marked down
	 */
	public boolean acquisitionFailed(DatabaseNode node, Throwable failure) {
		if (isBusy(failure)) {
			logger.debug("Database node " + node.name() + " had no free connection in time ("
					+ failure.getMessage() + "); it is busy, not down");
			return false;
		}
		boolean wasUp = !node.markDown(failure).isDown();
		if (wasUp) {
			logger.warn("Database node " + node.name() + " failed to hand out a connection (" + failure.getMessage()
					+ "); marked down until a probe re-admits it");
		}
		requestProbe();
		return wasUp;
	}

	private static boolean isBusy(Throwable failure) {
		return failure instanceof SQLTransientConnectionException && failure.getCause() == null;
	}

	/**
	 * React to a failure on one of a node's connections: a connection-class failure
	 * marks the node down, evicts its connections and requests a probe; others are
	 * ignored.
	 * @param node the node
	 * @param failure the failure
	 * @return whether the failure was a connection failure
	 */
	public boolean failed(DatabaseNode node, Throwable failure) {
		if (!DatabaseFailures.isConnectionFailure(failure)) {
			return false;
		}
		if (!node.markDown(failure).isDown()) {
			logger.warn("Database node " + node.name() + " failed on a connection (" + failure.getMessage()
					+ "); marked down until a probe re-admits it");
			node.evictConnections();
		}
		requestProbe();
		return true;
	}

	private void requestProbe() {
		try {
			NodeMonitor current = this.monitor.get();
			if (current != null) {
				current.requestCheck();
			}
		}
		catch (RuntimeException ex) {
			logger.debug("No probe after a connection failure: " + ex.getMessage());
		}
	}

}
