package io.github.chanuka.database.embedded;

import java.nio.file.Path;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * One PostgreSQL server of a {@link PostgresCluster}: its address and credentials, and, for
 * clusters that {@link PostgresCluster#supportsFaults() support faults}, controls that stop,
 * pause and promote the real server process. Nodes of other clusters throw
 * {@link UnsupportedOperationException} from the fault controls.
 *
 * @since 0.1.0
 */
public interface PostgresNode {

	/**
	 * Return the node's name: {@code primary}, {@code replica-1}, ...
	 * @return the name
	 */
	String name();

	/**
	 * Return the host name clients connect to ({@code localhost} for embedded nodes).
	 * @return the host
	 */
	String host();

	/**
	 * Return the TCP port the node listens on.
	 * @return the port
	 */
	int port();

	/**
	 * Return the database that tests use.
	 * @return the database name
	 */
	String database();

	/**
	 * Return the user that tests connect as.
	 * @return the user name
	 */
	String username();

	/**
	 * Return the password of {@link #username()}.
	 * @return the password
	 */
	String password();

	/**
	 * Return the JDBC URL of {@link #database()} on this node, without credentials.
	 * @return a {@code jdbc:postgresql://host:port/database} URL
	 */
	default String jdbcUrl() {
		return "jdbc:postgresql://" + host() + ":" + port() + "/" + database();
	}

	/**
	 * Return a new, unpooled data source for {@link #database()} with the node's credentials,
	 * meant for test assertions. Each call returns a new instance that the caller may adjust.
	 * @return a new data source
	 */
	PGSimpleDataSource dataSource();

	/**
	 * Return whether the node's server process is running (a paused node is running).
	 * @return whether the node runs
	 */
	boolean isRunning();

	/**
	 * Return whether the node is {@link #pause() paused}.
	 * @return whether the node is paused
	 */
	boolean isPaused();

	/**
	 * Return whether the node is in recovery (a replica), asking the server.
	 * @return the result of {@code pg_is_in_recovery()}
	 */
	boolean isInRecovery();

	/**
	 * Stop the node with a {@link StopMode#FAST fast} shutdown. Does nothing if the node is
	 * not running.
	 */
	default void stop() {
		stop(StopMode.FAST);
	}

	/**
	 * Stop the node and wait until its server process has exited. A paused node is resumed
	 * first. Does nothing if the node is not running.
	 * @param mode how to shut down
	 */
	void stop(StopMode mode);

	/**
	 * Kill the node's server processes with {@code SIGKILL}, like a crash of the server
	 * machine that the operating system's caches survive; the next start runs crash recovery.
	 * Does nothing if the node is not running.
	 */
	void kill();

	/**
	 * Start the node and wait until it accepts connections. Does nothing if the node is
	 * running.
	 */
	void start();

	/**
	 * Stop the node with a {@link StopMode#FAST fast} shutdown and start it again.
	 */
	default void restart() {
		stop();
		start();
	}

	/**
	 * Freeze the node: {@code SIGSTOP} the postmaster and all its children. The port stays
	 * open, so clients hang until their timeouts instead of being refused, like a server that
	 * stopped responding.
	 */
	void pause();

	/**
	 * Undo {@link #pause()}: {@code SIGCONT} the postmaster and all its children.
	 */
	void resume();

	/**
	 * Promote this replica to a primary and wait until it has left recovery.
	 */
	void promote();

	/**
	 * Pause WAL replay on this replica ({@code pg_wal_replay_pause()}) and wait until replay
	 * has paused; WAL keeps arriving, so replication lag grows.
	 */
	void pauseReplay();

	/**
	 * Resume WAL replay on this replica ({@code pg_wal_replay_resume()}).
	 */
	void resumeReplay();

	/**
	 * Return the node's data directory.
	 * @return the data directory
	 */
	Path dataDirectory();

}
