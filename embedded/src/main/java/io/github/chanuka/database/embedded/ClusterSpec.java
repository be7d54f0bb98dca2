package io.github.chanuka.database.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What an {@link EmbeddedPostgresCluster.Builder} asks for.
 *
 * @param replicas the number of replicas
 * @param ssl whether to enable SSL
 * @param credentials the database and user
 * @param settings extra server settings
 * @param startupTimeout how long a node may take to start
 * @param parentDirectory where to create the cluster directory
 * @param binaries directory holding {@code initdb} and {@code postgres} to run instead of
 * the bundled ones, or {@code null}
 */
record ClusterSpec(int replicas, boolean ssl, Credentials credentials, Map<String, String> settings,
		Duration startupTimeout, Path parentDirectory, Path binaries) {
}
