/**
 * Test support: {@link io.github.chanuka.database.test.ImportEmbeddedCluster} gives a Spring test
 * context the embedded PostgreSQL cluster as its service connection, primary and replicas.
 */
@NullMarked
package io.github.chanuka.database.test;

import org.jspecify.annotations.NullMarked;
