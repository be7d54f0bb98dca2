/**
 * Real PostgreSQL for tests without Docker: {@link io.github.chanuka.database.embedded.EmbeddedPostgresCluster}
 * starts a primary and streaming replicas from the binaries that zonky's Maven artifacts ship,
 * with fault controls on each {@link io.github.chanuka.database.embedded.PostgresNode};
 * {@link io.github.chanuka.database.embedded.EmbeddedCluster} gives a JUnit Jupiter test class a
 * {@link io.github.chanuka.database.embedded.PostgresCluster}, which may instead be an existing
 * server or a Testcontainers container.
 */
package io.github.chanuka.database.embedded;
