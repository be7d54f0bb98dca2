package io.github.chanuka.database.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node of an {@link EmbeddedPostgresCluster}: a data directory whose server is started and
 * stopped as a {@link ServerProcess} and controlled with SQL.
 */
final class EmbeddedPostgresNode implements PostgresNode {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgresNode.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);

	private static final int PORT_ATTEMPTS = 3;

	private final String name;

	private final Path dataDirectory;

	private final Path logFile;

	private final PostgresBinaries binaries;

	private final Credentials credentials;

	private final Duration startupTimeout;

	private final Object lifecycle = new Object();

	private volatile int port;

	private volatile ServerProcess server;

	EmbeddedPostgresNode(String name, Path dataDirectory, Path logFile, PostgresBinaries binaries,
			Credentials credentials, Duration startupTimeout) {
		this.name = name;
		this.dataDirectory = dataDirectory;
		this.logFile = logFile;
		this.binaries = binaries;
		this.credentials = credentials;
		this.startupTimeout = startupTimeout;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String host() {
		return "localhost";
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public String database() {
		return this.credentials.database();
	}

	@Override
	public String username() {
		return this.credentials.username();
	}

	@Override
	public String password() {
		return this.credentials.password();
	}

	@Override
	public PGSimpleDataSource dataSource() {
		return dataSource(database());
	}

	PGSimpleDataSource dataSource(String database) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setServerNames(new String[] { host() });
		dataSource.setPortNumbers(new int[] { port() });
		dataSource.setDatabaseName(database);
		dataSource.setUser(username());
		dataSource.setPassword(password());
		return dataSource;
	}

	@Override
	public boolean isRunning() {
		ServerProcess current = this.server;
		return current != null && current.isAlive();
	}

	@Override
	public boolean isPaused() {
		ServerProcess current = this.server;
		return current != null && current.isAlive() && current.isPaused();
	}

	@Override
	public boolean isInRecovery() {
		return querySingle("SELECT pg_is_in_recovery()", "ask whether it is in recovery",
				(result) -> result.getBoolean(1));
	}

	@Override
	public Path dataDirectory() {
		return this.dataDirectory;
	}

	Path logFile() {
		return this.logFile;
	}

	/**
	 * Start the node for the first time on a free port, choosing another port if the chosen
	 * one was taken meanwhile.
	 * @param takenPorts ports other nodes of the cluster use
	 */
	void startOnFreePort(Set<Integer> takenPorts) {
		for (int attempt = 1;; attempt++) {
			int candidate = freePort(takenPorts);
			try {
				new ServerSettings().set("port", Integer.toString(candidate))
					.set("cluster_name", this.name)
					.appendTo(this.dataDirectory, "node " + this.name);
			}
			catch (IOException ex) {
				throw new EmbeddedPostgresException("Could not configure node '" + this.name + "'", ex);
			}
			this.port = candidate;
			try {
				start();
				takenPorts.add(candidate);
				return;
			}
			catch (EmbeddedPostgresException ex) {
				if (attempt == PORT_ATTEMPTS || !ex.getMessage().contains("could not bind")) {
					throw ex;
				}
				logger.debug("Port {} of node '{}' was taken meanwhile; trying another", candidate, this.name);
			}
		}
	}

	private static int freePort(Set<Integer> takenPorts) {
		int candidate = FreePorts.next();
		while (takenPorts.contains(candidate)) {
			candidate = FreePorts.next();
		}
		return candidate;
	}

	@Override
	public void start() {
		synchronized (this.lifecycle) {
			if (isRunning()) {
				return;
			}
			long startedAt = System.nanoTime();
			ServerProcess launched;
			try {
				launched = ServerProcess.launch(this.binaries, this.dataDirectory, this.logFile);
			}
			catch (IOException ex) {
				throw failure("could not be launched", ex);
			}
			this.server = launched;
			try {
				awaitAcceptingConnections(launched);
			}
			catch (RuntimeException ex) {
				launched.kill(STOP_TIMEOUT);
				this.server = null;
				throw ex;
			}
			logger.debug("Node '{}' accepts connections on port {} ({} ms)", this.name, this.port,
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
		}
	}

	private void awaitAcceptingConnections(ServerProcess launched) {
		boolean ready;
		try {
			ready = Poller.poll(this.startupTimeout, () -> {
				if (!launched.isAlive()) {
					throw failure("exited with code " + launched.exitValue() + " while starting", null);
				}
				return launched.acceptsConnections();
			});
		}
		catch (EmbeddedPostgresException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw failure("could not be watched while starting", ex);
		}
		if (!ready) {
			throw failure("did not accept connections within " + this.startupTimeout, null);
		}
	}

	@Override
	public void stop(StopMode mode) {
		synchronized (this.lifecycle) {
			ServerProcess current = this.server;
			this.server = null;
			if (current == null || !current.isAlive()) {
				return;
			}
			if (current.isPaused()) {
				current.resume();
			}
			current.signal(mode.signal());
			if (!current.awaitExit(STOP_TIMEOUT) && mode != StopMode.IMMEDIATE) {
				logger.warn("Node '{}' did not stop ({}) within {}; stopping it immediately", this.name, mode,
						STOP_TIMEOUT);
				current.signal(StopMode.IMMEDIATE.signal());
			}
			if (!current.awaitExit(STOP_TIMEOUT)) {
				current.kill(STOP_TIMEOUT);
				throw failure("did not stop within " + STOP_TIMEOUT + " and was killed", null);
			}
			logger.debug("Node '{}' stopped ({})", this.name, mode);
		}
	}

	@Override
	public void kill() {
		synchronized (this.lifecycle) {
			ServerProcess current = this.server;
			this.server = null;
			if (current == null || !current.isAlive()) {
				return;
			}
			if (!current.kill(STOP_TIMEOUT)) {
				throw failure("still has processes " + STOP_TIMEOUT + " after SIGKILL", null);
			}
			logger.debug("Node '{}' killed", this.name);
		}
	}

	@Override
	public void restart() {
		synchronized (this.lifecycle) {
			stop(StopMode.FAST);
			start();
		}
	}

	@Override
	public void pause() {
		synchronized (this.lifecycle) {
			ServerProcess current = requireRunning("pause");
			if (!current.isPaused()) {
				current.pause();
				logger.debug("Node '{}' paused", this.name);
			}
		}
	}

	@Override
	public void resume() {
		synchronized (this.lifecycle) {
			ServerProcess current = this.server;
			if (current != null && current.isPaused()) {
				current.resume();
				logger.debug("Node '{}' resumed", this.name);
			}
		}
	}

	@Override
	public void promote() {
		requireRunning("promote");
		boolean promoted = querySingle("SELECT pg_promote(true, " + CONTROL_TIMEOUT.toSeconds() + ")", "promote",
				(result) -> result.getBoolean(1));
		if (!promoted) {
			throw failure("was not promoted within " + CONTROL_TIMEOUT, null);
		}
		awaitControl("leave recovery after promotion", () -> !isInRecovery());
		logger.info("Node '{}' promoted to primary", this.name);
	}

	@Override
	public void pauseReplay() {
		requireRunning("pause replay of");
		execute("SELECT pg_wal_replay_pause()", "pause replay");
		awaitControl("pause replay", () -> "paused".equals(querySingle("SELECT pg_get_wal_replay_pause_state()",
				"read the replay pause state", (result) -> result.getString(1))));
	}

	@Override
	public void resumeReplay() {
		requireRunning("resume replay of");
		execute("SELECT pg_wal_replay_resume()", "resume replay");
	}

	private void awaitControl(String action, Poller.Condition condition) {
		boolean done;
		try {
			done = Poller.poll(CONTROL_TIMEOUT, condition);
		}
		catch (EmbeddedPostgresException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw failure("could not " + action, ex);
		}
		if (!done) {
			throw failure("did not " + action + " within " + CONTROL_TIMEOUT, null);
		}
	}

	private ServerProcess requireRunning(String action) {
		ServerProcess current = this.server;
		if (current == null || !current.isAlive()) {
			throw new IllegalStateException("Cannot " + action + " node '" + this.name + "': it is not running");
		}
		return current;
	}

	private void execute(String sql, String action) {
		querySingle(sql, action, (result) -> null);
	}

	<T> T querySingle(String sql, String action, ResultReader<T> reader) {
		try (Connection connection = controlDataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return reader.read(result);
		}
		catch (SQLException ex) {
			throw new EmbeddedPostgresException("Node '" + this.name + "' could not " + action + ": " + ex.getMessage(),
					ex);
		}
	}

	private PGSimpleDataSource controlDataSource() {
		PGSimpleDataSource dataSource = dataSource();
		dataSource.setApplicationName("chanuka-embedded-control");
		dataSource.setConnectTimeout(10);
		dataSource.setSocketTimeout((int) CONTROL_TIMEOUT.toSeconds() + 30);
		return dataSource;
	}

	private EmbeddedPostgresException failure(String problem, Throwable cause) {
		String message = "Node '" + this.name + "' (port " + this.port + ", data directory " + this.dataDirectory
				+ ") " + problem + ServerLog.tail(this.logFile);
		return new EmbeddedPostgresException(message, cause);
	}

	@Override
	public String toString() {
		return "EmbeddedPostgresNode[" + this.name + ", port " + this.port + (isRunning() ? "" : ", stopped")
				+ (isPaused() ? ", paused" : "") + "]";
	}

	@FunctionalInterface
	interface ResultReader<T> {

		T read(ResultSet result) throws SQLException;

	}

}
