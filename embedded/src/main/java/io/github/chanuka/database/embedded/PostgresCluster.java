package io.github.chanuka.database.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A PostgreSQL primary with zero or more streaming replicas that tests run against.
 * <p>
 * Implemented by {@link EmbeddedPostgresCluster} (real servers started from Maven-shipped
 * binaries, with fault control), {@link ExternalPostgresCluster} (an existing server, primary
 * only) and {@link ContainerPostgresCluster} (Testcontainers, primary only).
 *
 * @since 0.1.0
 */
public interface PostgresCluster extends AutoCloseable {

	/**
	 * Return the node that was started as the primary.
	 * @return the primary node
	 */
	PostgresNode primary();

	/**
	 * Return the replicas, named {@code replica-1}, {@code replica-2}, ... in that order.
	 * @return the replicas, empty when the cluster has none
	 */
	List<PostgresNode> replicas();

	/**
	 * Return the replica named {@code replica-<number>}.
	 * @param number the 1-based number in the replica's name
	 * @return the replica
	 * @throws IllegalArgumentException if there is no such replica
	 */
	default PostgresNode replica(int number) {
		String name = "replica-" + number;
		return replicas().stream()
			.filter((replica) -> replica.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No node named '" + name + "'; replicas are "
					+ replicas().stream().map(PostgresNode::name).collect(Collectors.toList())));
	}

	/**
	 * Return every node, the primary first.
	 * @return the primary followed by the replicas
	 */
	default List<PostgresNode> nodes() {
		List<PostgresNode> nodes = new ArrayList<>();
		nodes.add(primary());
		nodes.addAll(replicas());
		return List.copyOf(nodes);
	}

	/**
	 * Wait until every running replica that is still in recovery has replayed the WAL the
	 * primary has written so far. Returns at once when there are no replicas.
	 * @param timeout how long to wait
	 * @throws EmbeddedPostgresException if a replica has not caught up within the timeout
	 */
	void awaitReplicated(Duration timeout);

	/**
	 * Return the PEM certificate of the authority that signed the servers' certificates, usable
	 * as pgjdbc's {@code sslrootcert} with {@code sslmode=verify-full}.
	 * @return the root certificate file
	 * @throws IllegalStateException if the cluster was not started with SSL
	 */
	Path rootCertificate();

	/**
	 * Return whether nodes can be stopped, paused and promoted (see {@link PostgresNode}).
	 * @return whether fault control is available
	 */
	boolean supportsFaults();

	/**
	 * Release the cluster: embedded and container clusters stop every node and delete their
	 * files; an external server is left untouched.
	 */
	@Override
	void close();

}
