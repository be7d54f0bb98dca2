package io.github.chanuka.database.embedded;

import java.nio.file.Paths;

/**
 * A JVM that reaps the stale clusters under a directory, as the next cluster started by
 * another build on the same machine does.
 */
final class ReapClusters {

	private ReapClusters() {
	}

	public static void main(String[] args) {
		ClusterDirectory.reapStale(Paths.get(args[0]), Paths.get(args[0], "no-postgres"));
	}

}
