package io.github.chanuka.database.embedded;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes clusters still open when the JVM exits, so that no PostgreSQL server outlives a test
 * run. This registry is the only static mutable state of the library: a shutdown hook cannot
 * reach clusters any other way.
 */
final class ClusterShutdownHook {

	private static final Set<EmbeddedPostgresCluster> open = ConcurrentHashMap.newKeySet();

	private static final AtomicBoolean installed = new AtomicBoolean();

	private ClusterShutdownHook() {
	}

	static void register(EmbeddedPostgresCluster cluster) {
		if (installed.compareAndSet(false, true)) {
			Runtime.getRuntime().addShutdownHook(new Thread(ClusterShutdownHook::closeAll, "chanuka-embedded-pg-shutdown"));
		}
		open.add(cluster);
	}

	static void unregister(EmbeddedPostgresCluster cluster) {
		open.remove(cluster);
	}

	private static void closeAll() {
		for (EmbeddedPostgresCluster cluster : Set.copyOf(open)) {
			cluster.close();
		}
	}

}
