package io.github.chanuka.database.node;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.chanuka.database.pool.JdbcUrls;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL server the application uses: its role, its pool and its last known
 * state.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public final class DatabaseNode {

	private final String name;

	private final NodeRole role;

	private final int weight;

	private final HikariDataSource dataSource;

	private final DataSource connectionSource;

	private final @Nullable HikariDataSource readOnlyPool;

	private final @Nullable DataSource readOnlyConnectionSource;

	private final AtomicReference<NodeState> state = new AtomicReference<>(NodeState.UNKNOWN);

	private final BorrowedConnections borrowed = new BorrowedConnections();

	/**
	 * Create a node.
	 * @param name the node name, such as {@code replica-1}
	 * @param role the node role
	 * @param weight the node's share of reads under the weighted load balancer
	 * @param dataSource the node's pool
	 */
	public DatabaseNode(String name, NodeRole role, int weight, HikariDataSource dataSource) {
		this(name, role, weight, dataSource, dataSource);
	}

	/**
	 * Create a node whose connections are taken through a decorated data source, such
	 * as one that times statements.
	 * @param name the node name, such as {@code replica-1}
	 * @param role the node role
	 * @param weight the node's share of reads under the weighted load balancer
	 * @param dataSource the node's pool
	 * @param connectionSource where connections are taken from: the pool or a
	 * decoration of it
	 */
	public DatabaseNode(String name, NodeRole role, int weight, HikariDataSource dataSource,
			DataSource connectionSource) {
		this(name, role, weight, dataSource, connectionSource, null, null);
	}

	/**
	 * Create a node with a second pool whose connections refuse writes in every
	 * statement, for read-only transactions that run in autocommit on a primary.
	 * @param name the node name, such as {@code primary}
	 * @param role the node role
	 * @param weight the node's share of reads under the weighted load balancer
	 * @param dataSource the node's pool
	 * @param connectionSource where connections are taken from: the pool or a
	 * decoration of it
	 * @param readOnlyPool the pool of read-only connections, {@code null} for none
	 * @param readOnlyConnectionSource where read-only connections are taken from: that
	 * pool or a decoration of it, {@code null} for none
	 */
	public DatabaseNode(String name, NodeRole role, int weight, HikariDataSource dataSource,
			DataSource connectionSource, @Nullable HikariDataSource readOnlyPool,
			@Nullable DataSource readOnlyConnectionSource) {
		this.name = name;
		this.role = role;
		this.weight = weight;
		this.dataSource = dataSource;
		this.connectionSource = connectionSource;
		this.readOnlyPool = readOnlyPool;
		this.readOnlyConnectionSource = readOnlyConnectionSource;
	}

	public String name() {
		return this.name;
	}

	public NodeRole role() {
		return this.role;
	}

	public int weight() {
		return this.weight;
	}

	public HikariDataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * Take a connection from the node, through its decorations.
	 * @return the connection
	 * @throws SQLException when the pool cannot hand one out
	 */
	public Connection getConnection() throws SQLException {
		return this.connectionSource.getConnection();
	}

	/**
	 * Take a connection for a read-only transaction: from the node's read-only pool,
	 * whose connections refuse writes in every statement, when it has one, else one of
	 * its connections, which the caller marks read-only.
	 * @return the connection
	 * @throws SQLException when the pool cannot hand one out
	 */
	public Connection getReadOnlyConnection() throws SQLException {
		DataSource source = this.readOnlyConnectionSource;
		return (source != null) ? source.getConnection() : getConnection();
	}

	/**
	 * Return the pool of connections that refuse writes in every statement.
	 * @return the pool, {@code null} when the node has none
	 */
	public @Nullable HikariDataSource readOnlyDataSource() {
		return this.readOnlyPool;
	}

	/**
	 * Close the node's pools.
	 */
	public void close() {
		if (this.readOnlyPool != null) {
			this.readOnlyPool.close();
		}
		this.dataSource.close();
	}

	/**
	 * Return the node's URL with credentials masked.
	 * @return the URL
	 */
	public String maskedUrl() {
		return JdbcUrls.mask(this.dataSource.getJdbcUrl());
	}

	public NodeState state() {
		return Objects.requireNonNull(this.state.get(), "A node always has a state");
	}

	/**
	 * Record the outcome of a probe.
	 * @param newState the observed state
	 * @return the state it replaces
	 */
	public NodeState update(NodeState newState) {
		return this.state.getAndSet(newState);
	}

	/**
	 * Record the outcome of a probe that started at the given time, unless the node was
	 * marked down after that: a probe that began before a failure must not re-admit the
	 * node; the probe that the failure starts decides.
	 * @param newState the observed state
	 * @param probeStarted when the probe started
	 * @return the state it replaces
	 */
	public NodeState update(NodeState newState, Instant probeStarted) {
		return this.state.getAndUpdate((current) -> (current.isDown() && newState.status() == NodeState.Status.UP
				&& current.checkedAt() != null && current.checkedAt().isAfter(probeStarted)) ? current : newState);
	}

	/**
	 * Close the pool's idle connections and retire the borrowed ones when they are
	 * returned, because the server they lead to failed.
	 */
	public void evictConnections() {
		evict(this.dataSource);
		if (this.readOnlyPool != null) {
			evict(this.readOnlyPool);
		}
	}

	private static void evict(HikariDataSource dataSource) {
		HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
		if (pool != null) {
			pool.softEvictConnections();
		}
	}

	/**
	 * Mark the node down after a failed connection attempt, until a probe re-admits it.
	 * @param cause the failure
	 * @return the state it replaces
	 */
	public NodeState markDown(Throwable cause) {
		return this.state.getAndUpdate((current) -> current.down(String.valueOf(cause.getMessage())));
	}

	/**
	 * Return the connections this node lent for read-only transactions; only a replica's
	 * are tracked, and the {@link NodeMonitor} aborts them when its probe finds the replica
	 * down.
	 * @return the lent connections
	 */
	public BorrowedConnections borrowed() {
		return this.borrowed;
	}

	/**
	 * Return the number of connections in use, those of the read-only pool included,
	 * zero before the pools started.
	 * @return the active connections
	 */
	public int activeConnections() {
		return active(this.dataSource) + ((this.readOnlyPool != null) ? active(this.readOnlyPool) : 0);
	}

	private static int active(HikariDataSource dataSource) {
		HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
		return (pool != null) ? pool.getActiveConnections() : 0;
	}

	/**
	 * Return the threads waiting for a connection from the pool now.
	 * @return the waiting threads, 0 before the pool starts
	 */
	public int threadsAwaitingConnection() {
		HikariPoolMXBean pool = this.dataSource.getHikariPoolMXBean();
		return (pool != null) ? pool.getThreadsAwaitingConnection() : 0;
	}

	@Override
	public String toString() {
		return this.name + " (" + this.role.tagValue() + ", " + maskedUrl() + ")";
	}

}
