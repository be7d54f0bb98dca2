package io.github.chanuka.database.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An existing PostgreSQL server used as a cluster's primary, with no replicas and no fault
 * control. {@link PostgresClusterExtension} selects it when the environment variable or system
 * property {@value #URL_VARIABLE} is set. Creating it does not connect, and closing it leaves
 * the server untouched.
 *
 * @since 0.1.0
 */
public final class ExternalPostgresCluster implements PostgresCluster {

	/**
	 * The environment variable or system property naming the server.
	 */
	public static final String URL_VARIABLE = "CHANUKA_TEST_POSTGRES_URL";

	private static final String ORIGIN = "an external server (" + URL_VARIABLE + ")";

	private final ServerNode primary;

	private ExternalPostgresCluster(ServerNode primary) {
		this.primary = primary;
	}

	/**
	 * Create a cluster for the server at a URL.
	 * @param url a JDBC URL with {@code user} and {@code password} parameters, such as
	 * {@code jdbc:postgresql://db:5432/chanuka?user=chanuka&password=secret}, or a URL such as
	 * {@code postgres://chanuka:secret@db:5432/chanuka}
	 * @return the cluster
	 * @throws IllegalArgumentException if the URL is not understood (the message never
	 * contains the URL)
	 */
	public static ExternalPostgresCluster of(String url) {
		return new ExternalPostgresCluster(new ServerNode("primary", ServerAddress.parse(url, URL_VARIABLE), ORIGIN));
	}

	@Override
	public PostgresNode primary() {
		return this.primary;
	}

	@Override
	public List<PostgresNode> replicas() {
		return List.of();
	}

	@Override
	public void awaitReplicated(Duration timeout) {
	}

	@Override
	public Path rootCertificate() {
		throw new IllegalStateException("The root certificate of " + ORIGIN + " is not known; use the "
				+ "embedded cluster for SSL tests");
	}

	@Override
	public boolean supportsFaults() {
		return false;
	}

	@Override
	public void close() {
	}

	@Override
	public String toString() {
		return "ExternalPostgresCluster[" + this.primary + "]";
	}

}
