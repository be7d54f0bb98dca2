package io.github.chanuka.database.node;

import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Probes a node over a connection of its own, outside the node's pool, so a full or
 * stuck pool cannot hide a healthy server or fake a dead one: is it reachable, how fast
 * does it answer, is it a standby, how far does it trail the primary, and how far has it
 * written (a primary) or replayed (a standby) its WAL.
 * <p>
 * Lag is the age of the last replayed commit while the replica has received WAL it has
 * not replayed yet, and zero once it has replayed all it received. After a restart a
 * replica reports the start of its current WAL segment as received, behind what it
 * already replayed: that is caught up, not late by the age of the primary's last commit.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class NodeProbe implements AutoCloseable {

	private static final String QUERY = """
			select pg_is_in_recovery(),
			       case when not pg_is_in_recovery() then 0
			            when pg_last_wal_receive_lsn() is null
			              or pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() then 0
			            else coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()), 0)
			       end,
			       (case when pg_is_in_recovery() then pg_last_wal_replay_lsn()
			             else pg_current_wal_insert_lsn() end - '0/0')::bigint
			""";

	private final Driver driver = new org.postgresql.Driver();

	private final int timeoutSeconds;

	private final Map<DatabaseNode, Connection> connections = new ConcurrentHashMap<>();

	private final Set<DatabaseNode> confirming = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	/**
	 * Create a probe.
	 * @param timeout longest wait for the connection and the query
	 */
	public NodeProbe(Duration timeout) {
		this.timeoutSeconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
	}

	/**
	 * Return the longest a probe waits for the connection, and again for the answer.
	 * @return the timeout
	 */
	public Duration timeout() {
		return Duration.ofSeconds(this.timeoutSeconds);
	}

	/**
	 * Probe a node.
	 * @param node the node
	 * @return its observed state
	 */
	public NodeState check(DatabaseNode node) {
		long start = System.nanoTime();
		Connection connection;
		try {
			connection = connection(node);
		}
		catch (SQLException | RuntimeException ex) {
			return failed(node, ex, false);
		}
		// bounded by the socket timeout, not a query timeout: a query timeout sends a cancel
		// request to the server, which a paused server never answers, and pgjdbc holds the
		// connection's lock while it waits for that answer
		try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				boolean inRecovery = result.getBoolean(1);
				Duration lag = Duration.ofMillis(Math.round(result.getDouble(2) * 1000));
				long position = result.getLong(3);
				return NodeState.up(inRecovery, lag, Duration.ofNanos(System.nanoTime() - start),
						result.wasNull() ? null : position);
			}
		}
		catch (SQLException | RuntimeException ex) {
			return failed(node, ex, true);
		}
	}

	/**
	 * Take the node down after a failed probe. A replica that gave no answer in time is
	 * silent, and its lent connections are aborted, only if it does not answer a new
	 * connection either: a server that is merely slow (overloaded, or stalled on one
	 * session) takes no new reads until a probe answers again, but the reads it is
	 * serving go on.
	 */
	private NodeState failed(DatabaseNode node, Exception failure, boolean connected) {
		discard(node);
		if (isSilence(failure) && node.role() == NodeRole.REPLICA) {
			if (connected && answersNewConnection(node)) {
				return node.state()
					.down("no answer to the probe within " + this.timeoutSeconds
							+ " s, though the server accepts new connections: slow, not silent");
			}
			silent(node);
		}
		return node.state().down(String.valueOf(failure.getMessage()));
	}

	/**
	 * Return whether a node that gave the probe's connection no answer in time still
	 * accepts a new connection and answers on it within the timeout. The new connection
	 * becomes the probe's connection. Only a connection failure says the node does not
	 * answer: a server that refuses the connection with an answer of its own (too many
	 * clients, say) is alive.
	 */
	private boolean answersNewConnection(DatabaseNode node) {
		this.confirming.add(node);
		try {
			try (Statement statement = connection(node).createStatement()) {
				statement.execute("select 1");
			}
			return true;
		}
		catch (SQLException | RuntimeException ex) {
			discard(node);
			return !DatabaseFailures.isConnectionFailure(ex);
		}
		finally {
			this.confirming.remove(node);
		}
	}

	/**
	 * React to a node whose probe the monitor stopped waiting for: the node is silent,
	 * unless the probe is still finding out whether it answers a new connection, and
	 * then the probe decides.
	 * @param node the node
	 */
	void unanswered(DatabaseNode node) {
		if (!this.confirming.contains(node)) {
			silent(node);
		}
	}

	/**
	 * React to a node that stopped answering (paused, or cut off by a partition that drops
	 * packets), as opposed to one that refuses or fails: the read-only transactions in
	 * flight on a replica get no error of their own, so they are aborted and run again
	 * elsewhere. Only replicas lend connections that may be aborted.
	 * @param node the silent node
	 */
	void silent(DatabaseNode node) {
		if (node.role() == NodeRole.REPLICA) {
			node.borrowed().abortAll(node.name());
		}
	}

	private static boolean isSilence(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private Connection connection(DatabaseNode node) throws SQLException {
		Connection existing = this.connections.get(node);
		if (existing != null) {
			return existing;
		}
		Connection created = connect(node.dataSource());
		if (created == null) {
			throw new SQLException("The PostgreSQL driver does not accept " + node.maskedUrl());
		}
		this.connections.put(node, created);
		if (this.closed) {
			discard(node);
			throw new SQLException("The node probe is closed");
		}
		return created;
	}

	private Connection connect(HikariDataSource pool) throws SQLException {
		Properties properties = new Properties();
		properties.putAll(pool.getDataSourceProperties());
		if (pool.getUsername() != null) {
			properties.setProperty("user", pool.getUsername());
		}
		if (pool.getPassword() != null) {
			properties.setProperty("password", pool.getPassword());
		}
		String timeout = String.valueOf(this.timeoutSeconds);
		properties.setProperty("connectTimeout", timeout);
		properties.setProperty("loginTimeout", timeout);
		properties.setProperty("socketTimeout", timeout);
		properties.setProperty("cancelSignalTimeout", timeout);
		properties.setProperty("ApplicationName", "chanuka-node-monitor");
		return this.driver.connect(pool.getJdbcUrl(), properties);
	}

	private void discard(DatabaseNode node) {
		Connection connection = this.connections.remove(node);
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// the connection is already broken; nothing is lost by ignoring this
			}
		}
	}

	/**
	 * Let the probe connect again after a {@link #close()}, when its monitor starts again.
	 */
	void open() {
		this.closed = false;
	}

	@Override
	public void close() {
		this.closed = true;
		this.connections.keySet().forEach(this::discard);
	}

}
