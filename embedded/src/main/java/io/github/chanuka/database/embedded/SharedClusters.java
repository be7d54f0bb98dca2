package io.github.chanuka.database.embedded;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded clusters one JVM's test classes share when
 * {@value #SHARED_CLUSTERS_PARAMETER} is {@code true}: one cluster per distinct request
 * (replicas, SSL, settings, client tools), started on first need and closed when the test
 * run ends. Each test class gets a fresh database of its own on it
 * ({@link DatabasePerClassCluster}), dropped when the class is done, so classes stay as
 * independent as with a cluster each. Classes that ask for fault control never share.
 */
final class SharedClusters implements AutoCloseable {

	/**
	 * JUnit configuration parameter (or system property) that switches sharing on.
	 */
	static final String SHARED_CLUSTERS_PARAMETER = "chanuka.test.shared-clusters";

	private static final Logger logger = LoggerFactory.getLogger(SharedClusters.class);

	private static final Duration REPLICATION_TIMEOUT = Duration.ofSeconds(60);

	private static final int MAX_IDENTIFIER = 63;

	private final Map<ClusterRequest, EmbeddedPostgresCluster> clusters = new ConcurrentHashMap<>();

	private final AtomicInteger databases = new AtomicInteger();

	private final Function<ClusterRequest, EmbeddedPostgresCluster> starter;

	SharedClusters(Function<ClusterRequest, EmbeddedPostgresCluster> starter) {
		this.starter = starter;
	}

	/**
	 * Return a view of the shared cluster for this request with a fresh database for one
	 * test class.
	 * @param request what the class asks for, without fault control
	 * @param testClass the test class, whose name the database carries
	 * @return the class's view of the shared cluster
	 */
	DatabasePerClassCluster forClass(ClusterRequest request, Class<?> testClass) {
		if (request.faults()) {
			throw new IllegalArgumentException("A class that stops, pauses or promotes nodes cannot share a cluster");
		}
		EmbeddedPostgresCluster cluster = this.clusters.computeIfAbsent(request, this.starter);
		String database = databaseName(testClass);
		execute(cluster, "CREATE DATABASE " + identifier(database) + " OWNER "
				+ identifier(cluster.primary().username()), "create database " + database);
		cluster.awaitReplicated(REPLICATION_TIMEOUT);
		logger.debug("Database {} created for {} on shared cluster {}", database, testClass.getName(), cluster);
		return new DatabasePerClassCluster(cluster, database);
	}

	private String databaseName(Class<?> testClass) {
		String suffix = "_" + this.databases.incrementAndGet();
		String name = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
		if (name.length() + suffix.length() > MAX_IDENTIFIER) {
			name = name.substring(0, MAX_IDENTIFIER - suffix.length());
		}
		return name + suffix;
	}

	static void execute(PostgresCluster cluster, String sql, String action) {
		EmbeddedPostgresNode primary = (EmbeddedPostgresNode) ((cluster instanceof DatabasePerClassCluster view)
				? view.shared().primary() : cluster.primary());
		try (Connection connection = primary.dataSource("postgres").getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new EmbeddedPostgresException("Could not " + action + " on the shared embedded cluster: "
					+ ex.getMessage() + ServerLog.tail(primary.logFile()), ex);
		}
	}

	static String identifier(String name) {
		return '"' + name.replace("\"", "\"\"") + '"';
	}

	/**
	 * Close every shared cluster.
	 */
	@Override
	public void close() {
		List<EmbeddedPostgresCluster> open = new ArrayList<>(this.clusters.values());
		this.clusters.clear();
		for (EmbeddedPostgresCluster cluster : open) {
			try {
				cluster.close();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not close shared cluster {}", cluster, ex);
			}
		}
	}

}
