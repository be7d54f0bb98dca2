package io.github.chanuka.database.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Collectors;

/**
 * A JVM that starts a cluster, pauses its replica and never closes the cluster: it prints
 * the cluster directory and the postmasters' pids, then exits or waits to be killed.
 */
final class ClusterLeftOpen {

	private ClusterLeftOpen() {
	}

	public static void main(String[] args) throws IOException {
		EmbeddedPostgresCluster cluster = EmbeddedPostgresCluster.builder()
			.replicas(1)
			.parentDirectory(Paths.get(args[0]))
			.start();
		cluster.replica(1).pause();
		String pids = cluster.nodes().stream().map(ClusterLeftOpen::postmasterPid).collect(Collectors.joining(" "));
		System.out.println("CLUSTER " + cluster.directory() + " PIDS " + pids);
		System.out.flush();
		if (args[1].equals("wait-to-be-killed")) {
			System.in.read();
		}
	}

	private static String postmasterPid(PostgresNode node) {
		try {
			return Files.readAllLines(node.dataDirectory().resolve("postmaster.pid")).get(0).trim();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Path clusterDirectory(String line) {
		return Paths.get(line.split(" ")[1]);
	}

}
