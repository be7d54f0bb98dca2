package io.github.chanuka.database.test;

import java.util.List;

import io.github.chanuka.database.autoconfigure.ChanukaDatabaseConnectionDetails;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;

/**
 * Connection details of a {@link PostgresCluster}: its primary and its replicas, by name.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class EmbeddedClusterConnectionDetails implements ChanukaDatabaseConnectionDetails {

	private final PostgresCluster cluster;

	/**
	 * Create the details of a started cluster.
	 * @param cluster the cluster
	 */
	public EmbeddedClusterConnectionDetails(PostgresCluster cluster) {
		this.cluster = cluster;
	}

	@Override
	public String getJdbcUrl() {
		return this.cluster.primary().jdbcUrl();
	}

	@Override
	public String getUsername() {
		return this.cluster.primary().username();
	}

	@Override
	public String getPassword() {
		return this.cluster.primary().password();
	}

	@Override
	public List<Replica> getReplicas() {
		return this.cluster.replicas().stream().map(EmbeddedClusterConnectionDetails::replica).toList();
	}

	private static Replica replica(PostgresNode node) {
		return new Replica(node.name(), node.jdbcUrl(), node.username(), node.password());
	}

	@Override
	public String toString() {
		return "EmbeddedClusterConnectionDetails[" + this.cluster + "]";
	}

}
