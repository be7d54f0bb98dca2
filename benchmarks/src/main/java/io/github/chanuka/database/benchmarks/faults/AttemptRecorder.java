package io.github.chanuka.database.benchmarks.faults;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.github.chanuka.database.node.NodeDataSourceDecorator;
import io.github.chanuka.database.node.NodeRole;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Records when the router last asked each node for a connection, through the starter's
 * own decoration point: the attempts the router makes, whether the pool then succeeds or
 * not.
 */
final class AttemptRecorder implements NodeDataSourceDecorator {

	private final Map<String, AtomicLong> lastAttempt = new ConcurrentHashMap<>();

	@Override
	public DataSource decorate(String node, NodeRole role, DataSource pool) {
		AtomicLong last = this.lastAttempt.computeIfAbsent(node, (name) -> new AtomicLong());
		return new DelegatingDataSource(pool) {

			@Override
			public Connection getConnection() throws SQLException {
				last.set(System.nanoTime());
				return super.getConnection();
			}

		};
	}

	/**
	 * Return when the node was last asked for a connection.
	 * @param node the node name
	 * @return a {@link System#nanoTime()} value, 0 when never
	 */
	long lastAttempt(String node) {
		AtomicLong last = this.lastAttempt.get(node);
		return (last != null) ? last.get() : 0;
	}

}
