package io.github.chanuka.database.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A PostgreSQL primary in a Docker container started by Testcontainers, with no replicas and
 * no fault control, for machines with Docker. Needs
 * {@code org.testcontainers:testcontainers-postgresql} on the class path.
 * {@link PostgresClusterExtension} selects it when the system property
 * {@code chanuka.test.backend} is {@code testcontainers}.
 *
 * @since 0.1.0
 */
public final class ContainerPostgresCluster implements PostgresCluster {

	/**
	 * The image started by {@link #start()}.
	 */
	public static final String DEFAULT_IMAGE = "postgres:17-alpine";

	private static final String ORIGIN = "a Testcontainers container";

	private final PostgreSQLContainer container;

	private final ServerNode primary;

	private ContainerPostgresCluster(PostgreSQLContainer container) {
		this.container = container;
		ServerAddress address = new ServerAddress(container.getHost(),
				container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT), container.getDatabaseName(),
				container.getUsername(), container.getPassword(), "");
		this.primary = new ServerNode("primary", address, ORIGIN);
	}

	/**
	 * Start a container of {@value #DEFAULT_IMAGE} with database and user {@code chanuka} and
	 * password {@code chanuka-secret}.
	 * @return the started cluster
	 */
	public static ContainerPostgresCluster start() {
		return start(DEFAULT_IMAGE);
	}

	/**
	 * Start a container of an image with database and user {@code chanuka} and password
	 * {@code chanuka-secret}.
	 * @param image a PostgreSQL image, such as {@code postgres:17}
	 * @return the started cluster
	 */
	public static ContainerPostgresCluster start(String image) {
		PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(image))
			.withDatabaseName("chanuka")
			.withUsername("chanuka")
			.withPassword("chanuka-secret");
		container.start();
		return new ContainerPostgresCluster(container);
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
		throw new IllegalStateException("The container runs without SSL; use the embedded cluster for SSL tests");
	}

	@Override
	public boolean supportsFaults() {
		return false;
	}

	@Override
	public void close() {
		this.container.stop();
	}

	@Override
	public String toString() {
		return "ContainerPostgresCluster[" + this.primary + "]";
	}

}
