package io.github.chanuka.database.autoconfigure;

import java.util.List;

import io.github.chanuka.database.pool.NodeConnection;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.util.StringUtils;

/**
 * Where the nodes are when a connection details bean says so, as in Spring Boot: a
 * {@link ChanukaDatabaseConnectionDetails} bean names the primary and the replicas; else
 * a {@link JdbcConnectionDetails} bean (such as a Testcontainers
 * {@code @ServiceConnection}) names the primary and the replicas stay as configured.
 *
 * @param primary where the primary is reached
 * @param replicas the replicas, or {@code null} when the properties name them
 * @author Chanuka Database
 */
record ServiceConnection(NodeConnection primary, @Nullable List<ChanukaDatabaseConnectionDetails.Replica> replicas) {

	static final String SOURCE = "service connection";

	static @Nullable ServiceConnection find(ObjectProvider<ChanukaDatabaseConnectionDetails> cluster,
			ObjectProvider<JdbcConnectionDetails> jdbc) {
		return of(cluster.getIfAvailable(), jdbc.getIfAvailable());
	}

	static @Nullable ServiceConnection of(@Nullable ChanukaDatabaseConnectionDetails cluster,
			@Nullable JdbcConnectionDetails jdbc) {
		if (cluster != null) {
			return new ServiceConnection(new NodeConnection(cluster.getJdbcUrl().trim(), cluster.getUsername(),
					cluster.getPassword(), SOURCE), List.copyOf(cluster.getReplicas()));
		}
		if (jdbc != null && StringUtils.hasText(jdbc.getJdbcUrl())) {
			return new ServiceConnection(
					new NodeConnection(jdbc.getJdbcUrl(), jdbc.getUsername(), jdbc.getPassword(), SOURCE), null);
		}
		return null;
	}

}
