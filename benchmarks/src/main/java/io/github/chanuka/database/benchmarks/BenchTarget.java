package io.github.chanuka.database.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;

/**
 * The PostgreSQL server a benchmark fork runs against: the primary and the replicas the
 * starter routes reads to. The runner publishes it to JMH's forks as system properties.
 *
 * @param name label in reports, such as {@code embedded} or {@code external}
 * @param primaryUrl JDBC URL of the primary
 * @param replicaUrls JDBC URLs of the replicas, possibly none
 * @param username login user
 * @param password login password
 */
public record BenchTarget(String name, String primaryUrl, List<String> replicaUrls, String username,
		String password) {

	private static final String PREFIX = "chanuka.bench.target.";

	/**
	 * Pool size of every pool in every variant, so no variant has more connections.
	 */
	public static final int POOL_SIZE = 10;

	public static BenchTarget of(String name, PostgresCluster cluster) {
		PostgresNode primary = cluster.primary();
		return new BenchTarget(name, primary.jdbcUrl(), cluster.replicas().stream().map(PostgresNode::jdbcUrl).toList(),
				primary.username(), primary.password());
	}

	/**
	 * Read the target published by {@link #systemProperties()}.
	 * @return the target
	 */
	public static BenchTarget fromSystemProperties() {
		String replicas = System.getProperty(PREFIX + "replicas", "");
		return new BenchTarget(System.getProperty(PREFIX + "name", "embedded"), required("primary"),
				replicas.isBlank() ? List.of() : Arrays.asList(replicas.split(",")), required("username"),
				System.getProperty(PREFIX + "password", ""));
	}

	private static String required(String key) {
		String value = System.getProperty(PREFIX + key);
		if (value == null) {
			throw new IllegalStateException("System property " + PREFIX + key
					+ " is not set: run the benchmarks through BenchmarkRunner (see BENCHMARKS.md)");
		}
		return value;
	}

	/**
	 * Return the JVM arguments that publish this target to a forked JVM.
	 * @return {@code -D} arguments
	 */
	public List<String> systemProperties() {
		List<String> arguments = new ArrayList<>();
		arguments.add("-D" + PREFIX + "name=" + this.name);
		arguments.add("-D" + PREFIX + "primary=" + this.primaryUrl);
		arguments.add("-D" + PREFIX + "replicas=" + String.join(",", this.replicaUrls));
		arguments.add("-D" + PREFIX + "username=" + this.username);
		arguments.add("-D" + PREFIX + "password=" + this.password);
		return arguments;
	}

	/**
	 * Return the URL of the server that serves read-only transactions under the starter:
	 * the first replica (the only one the query benchmarks configure), else the primary.
	 * @return the URL the raw and plain-Boot reads use
	 */
	public String readUrl() {
		return this.replicaUrls.isEmpty() ? this.primaryUrl : this.replicaUrls.get(0);
	}

	/**
	 * Return the starter's connection properties for this target.
	 * @param replicas how many of the replicas to configure
	 * @return {@code chanuka.database.*} properties
	 */
	public Map<String, Object> starterProperties(int replicas) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("chanuka.database.url", this.primaryUrl);
		properties.put("chanuka.database.username", this.username);
		properties.put("chanuka.database.password", this.password);
		for (int i = 0; i < Math.min(replicas, this.replicaUrls.size()); i++) {
			properties.put("chanuka.database.replicas[" + i + "].url", this.replicaUrls.get(i));
		}
		return properties;
	}

}
