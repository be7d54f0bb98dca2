package io.github.chanuka.database.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an {@link EmbeddedPostgresCluster}. Without {@code pg_basebackup} among the shipped
 * binaries, replicas are made the offline way: initialise and configure the primary, start it
 * to create the database, stop it cleanly, copy its data directory once per replica, add
 * {@code standby.signal} and {@code primary_conninfo} to each copy, then start every node.
 */
final class ClusterBootstrap {

	private static final Logger logger = LoggerFactory.getLogger(ClusterBootstrap.class);

	private static final String AUTHORITY_NAME = "Chanuka Embedded PostgreSQL Root CA";

	/**
	 * Iterations of the SCRAM password hash of the user's password (PostgreSQL 16 and later
	 * also hash every password set later with it; earlier versions hash those with 4,096).
	 * A test server's password guards nothing worth 4,096 iterations per connection.
	 */
	static final int SCRAM_ITERATIONS = 16;

	private final ClusterSpec spec;

	private final PostgresBinaries binaries;

	private final ClusterDirectory directory;

	private final Set<Integer> ports = ConcurrentHashMap.newKeySet();

	private final List<EmbeddedPostgresNode> nodes = new CopyOnWriteArrayList<>();

	private ClusterBootstrap(ClusterSpec spec, PostgresBinaries binaries, ClusterDirectory directory) {
		this.spec = spec;
		this.binaries = binaries;
		this.directory = directory;
	}

	static EmbeddedPostgresCluster start(ClusterSpec spec) {
		long startedAt = System.nanoTime();
		PostgresBinaries binaries = (spec.binaries() != null) ? PostgresBinaries.installed(spec.binaries())
				: PostgresBinaries.resolve();
		logger.debug("PostgreSQL binaries resolved in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
		ClusterDirectory.reapStale(spec.parentDirectory(), binaries.executable("postgres"));
		ClusterDirectory directory;
		try {
			directory = ClusterDirectory.create(spec.parentDirectory());
		}
		catch (IOException ex) {
			throw new EmbeddedPostgresException("Could not create a cluster directory in " + spec.parentDirectory(),
					ex);
		}
		EmbeddedPostgresCluster cluster = new ClusterBootstrap(spec, binaries, directory).start();
		logger.info("Embedded PostgreSQL {} cluster started in {} ms: {}", binaries.majorVersion(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), cluster);
		return cluster;
	}

	private EmbeddedPostgresCluster start() {
		try {
			Stopwatch stopwatch = new Stopwatch();
			TlsFiles tls = this.spec.ssl() ? TlsFiles.generate(this.directory.resolve("tls"), AUTHORITY_NAME) : null;
			EmbeddedPostgresNode primary = node("primary");
			initdb(primary.dataDirectory());
			configure(primary.dataDirectory(), tls);
			stopwatch.lap("initdb");
			primary.startOnFreePort(this.ports);
			createDatabase(primary);
			stopwatch.lap("database created");
			List<EmbeddedPostgresNode> replicas = (this.spec.replicas() > 0) ? startWithReplicas(primary, stopwatch)
					: List.of();
			logger.debug("Cluster {} prepared: {}", this.directory.path(), stopwatch);
			EmbeddedPostgresCluster cluster = new EmbeddedPostgresCluster(this.directory, primary, replicas, tls);
			ClusterShutdownHook.register(cluster);
			return cluster;
		}
		catch (IOException | RuntimeException ex) {
			abandon();
			if (ex instanceof EmbeddedPostgresException embedded) {
				throw embedded;
			}
			throw new EmbeddedPostgresException("Could not start an embedded PostgreSQL cluster in "
					+ this.directory.path() + ": " + ex, ex);
		}
	}

	private List<EmbeddedPostgresNode> startWithReplicas(EmbeddedPostgresNode primary, Stopwatch stopwatch) {
		primary.stop(StopMode.FAST);
		stopwatch.lap("primary stopped");
		List<EmbeddedPostgresNode> replicas = new ArrayList<>();
		for (int number = 1; number <= this.spec.replicas(); number++) {
			replicas.add(node("replica-" + number));
		}
		replicas.parallelStream().forEach((replica) -> cloneAsReplica(primary, replica));
		stopwatch.lap("replicas copied");
		primary.start();
		replicas.parallelStream().forEach((replica) -> replica.startOnFreePort(this.ports));
		stopwatch.lap("nodes started");
		return replicas;
	}

	private static final class Stopwatch {

		private final StringBuilder laps = new StringBuilder();

		private long lapStartedAt = System.nanoTime();

		void lap(String name) {
			long now = System.nanoTime();
			this.laps.append((this.laps.length() > 0) ? ", " : "")
				.append(name)
				.append(" +")
				.append(TimeUnit.NANOSECONDS.toMillis(now - this.lapStartedAt))
				.append(" ms");
			this.lapStartedAt = now;
		}

		@Override
		public String toString() {
			return this.laps.toString();
		}

	}

	private EmbeddedPostgresNode node(String name) {
		EmbeddedPostgresNode node = new EmbeddedPostgresNode(name, this.directory.resolve(name),
				this.directory.resolve(name + ".log"), this.binaries, this.spec.credentials(),
				this.spec.startupTimeout());
		this.nodes.add(node);
		return node;
	}

	private void initdb(Path dataDirectory) throws IOException {
		// 1 MB WAL segments instead of 16 MB keep the data directory that replicas copy small
		List<String> options = new ArrayList<>(List.of("-U", this.spec.credentials().username(), "-A",
				"scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C", "--no-sync", "--wal-segsize=1"));
		if (this.binaries.majorVersion() >= 17) {
			options.addAll(List.of("--locale-provider=builtin", "--builtin-locale=C.UTF-8"));
		}
		if (this.binaries.majorVersion() >= 16) {
			// the password is still checked with SCRAM, but a client no longer spends some 1.5 ms
			// (15 ms in a JVM without C2) hashing it for every connection a test opens
			options.add("--set=scram_iterations=" + SCRAM_ITERATIONS);
		}
		InitdbTemplate.of(this.binaries, this.spec.credentials(), options)
			.copyTo(dataDirectory, (target) -> runInitdb(target, options));
	}

	private void runInitdb(Path dataDirectory, List<String> options) throws IOException {
		Path passwordFile = Files.createFile(this.directory.resolve("initdb.pw"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Path log = this.directory.resolve("initdb.log");
		try {
			Files.writeString(passwordFile, this.spec.credentials().password(), StandardCharsets.UTF_8);
			List<String> arguments = new ArrayList<>(List.of("-D", dataDirectory.toString(), "--pwfile=" + passwordFile));
			arguments.addAll(options);
			ProcessBuilder builder = this.binaries.command("initdb", arguments.toArray(String[]::new))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			int exitCode = builder.start().waitFor();
			if (exitCode != 0) {
				throw new EmbeddedPostgresException("initdb exited with code " + exitCode + ServerLog.tail(log));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EmbeddedPostgresException("Interrupted while running initdb", ex);
		}
		finally {
			Files.deleteIfExists(passwordFile);
		}
	}

	private void configure(Path dataDirectory, TlsFiles tls) throws IOException {
		ServerSettings settings = ServerSettings.clusterDefaults(this.spec.replicas() + 5);
		if (tls != null) {
			settings.set("ssl", "on")
				.set("ssl_cert_file", tls.serverCertificate().toString())
				.set("ssl_key_file", tls.serverKey().toString());
		}
		settings.setAll(this.spec.settings()).appendTo(dataDirectory, "Chanuka embedded cluster");
	}

	private void createDatabase(EmbeddedPostgresNode primary) {
		Credentials credentials = this.spec.credentials();
		boolean cheaperPassword = this.binaries.majorVersion() < 16 && ScramVerifier.supports(credentials.password());
		if (credentials.database().equals("postgres") && !cheaperPassword) {
			return;
		}
		try (Connection connection = primary.dataSource("postgres").getConnection();
				Statement statement = connection.createStatement()) {
			if (cheaperPassword) {
				// what --set=scram_iterations does from 16 on (replicas copy the primary after this)
				statement.execute("ALTER ROLE " + identifier(credentials.username()) + " PASSWORD '"
						+ ScramVerifier.of(credentials.password(), SCRAM_ITERATIONS) + "'");
			}
			if (!credentials.database().equals("postgres")) {
				statement.execute("CREATE DATABASE " + identifier(credentials.database()) + " OWNER "
						+ identifier(credentials.username()));
			}
		}
		catch (SQLException ex) {
			throw new EmbeddedPostgresException("Could not create database '" + credentials.database() + "' on node '"
					+ primary.name() + "': " + ex.getMessage() + ServerLog.tail(primary.logFile()), ex);
		}
	}

	private static String identifier(String name) {
		return '"' + name.replace("\"", "\"\"") + '"';
	}

	private void cloneAsReplica(EmbeddedPostgresNode primary, EmbeddedPostgresNode replica) {
		Credentials credentials = this.spec.credentials();
		String conninfo = String.join(" ", "host=" + primary.host(), "port=" + primary.port(),
				"user=" + ServerSettings.conninfoValue(credentials.username()),
				"password=" + ServerSettings.conninfoValue(credentials.password()),
				"application_name=" + replica.name(), "connect_timeout=5");
		try {
			InitdbTemplate.copyDirectory(primary.dataDirectory(), replica.dataDirectory());
			Files.createFile(replica.dataDirectory().resolve("standby.signal"));
			new ServerSettings().set("primary_conninfo", conninfo).appendTo(replica.dataDirectory(), "replication");
		}
		catch (IOException ex) {
			throw new EmbeddedPostgresException("Could not make node '" + replica.name() + "' from a copy of "
					+ primary.dataDirectory(), ex);
		}
	}

	private void abandon() {
		for (EmbeddedPostgresNode node : this.nodes) {
			try {
				node.stop(StopMode.IMMEDIATE);
			}
			catch (RuntimeException ex) {
				logger.debug("Could not stop node '{}' of a cluster that failed to start", node.name(), ex);
			}
		}
		this.directory.close();
	}

}
