package io.github.chanuka.database.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * One test class's view of a shared embedded cluster: the same servers, a database of its
 * own. Its nodes refuse fault controls (a class that needs them asks for
 * {@code @EmbeddedCluster(faults = true)} and gets a cluster of its own). Closing the view
 * drops the class's database, ending any session still on it.
 */
final class DatabasePerClassCluster implements PostgresCluster {

	private final EmbeddedPostgresCluster shared;

	private final String database;

	private final PostgresNode primary;

	private final List<PostgresNode> replicas;

	private final AtomicBoolean closed = new AtomicBoolean();

	DatabasePerClassCluster(EmbeddedPostgresCluster shared, String database) {
		this.shared = shared;
		this.database = database;
		this.primary = new Node((EmbeddedPostgresNode) shared.primary());
		this.replicas = shared.replicas().stream().map((replica) -> (PostgresNode) new Node((EmbeddedPostgresNode) replica)).toList();
	}

	EmbeddedPostgresCluster shared() {
		return this.shared;
	}

	@Override
	public PostgresNode primary() {
		return this.primary;
	}

	@Override
	public List<PostgresNode> replicas() {
		return this.replicas;
	}

	@Override
	public void awaitReplicated(Duration timeout) {
		this.shared.awaitReplicated(timeout);
	}

	@Override
	public Path rootCertificate() {
		return this.shared.rootCertificate();
	}

	@Override
	public boolean supportsFaults() {
		return false;
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true) && this.shared.primary().isRunning()) {
			SharedClusters.execute(this, "DROP DATABASE IF EXISTS " + SharedClusters.identifier(this.database)
					+ " WITH (FORCE)", "drop database " + this.database);
		}
	}

	@Override
	public String toString() {
		return "DatabasePerClassCluster[" + this.database + " on "
				+ nodes().stream().map(PostgresNode::name).collect(Collectors.joining(", ")) + "]";
	}

	/**
	 * A node of the shared cluster seen through the class's database.
	 */
	private final class Node implements PostgresNode {

		private final EmbeddedPostgresNode node;

		Node(EmbeddedPostgresNode node) {
			this.node = node;
		}

		@Override
		public String name() {
			return this.node.name();
		}

		@Override
		public String host() {
			return this.node.host();
		}

		@Override
		public int port() {
			return this.node.port();
		}

		@Override
		public String database() {
			return DatabasePerClassCluster.this.database;
		}

		@Override
		public String username() {
			return this.node.username();
		}

		@Override
		public String password() {
			return this.node.password();
		}

		@Override
		public PGSimpleDataSource dataSource() {
			return this.node.dataSource(database());
		}

		@Override
		public boolean isRunning() {
			return this.node.isRunning();
		}

		@Override
		public boolean isPaused() {
			return this.node.isPaused();
		}

		@Override
		public boolean isInRecovery() {
			return this.node.isInRecovery();
		}

		@Override
		public void stop(StopMode mode) {
			throw refused("stop");
		}

		@Override
		public void kill() {
			throw refused("kill");
		}

		@Override
		public void start() {
			throw refused("start");
		}

		@Override
		public void pause() {
			throw refused("pause");
		}

		@Override
		public void resume() {
			throw refused("resume");
		}

		@Override
		public void promote() {
			throw refused("promote");
		}

		@Override
		public void pauseReplay() {
			throw refused("pause replay on");
		}

		@Override
		public void resumeReplay() {
			throw refused("resume replay on");
		}

		@Override
		public Path dataDirectory() {
			return this.node.dataDirectory();
		}

		private UnsupportedOperationException refused(String action) {
			return new UnsupportedOperationException("Cannot " + action + " node '" + name()
					+ "': the test classes of this JVM share its cluster (" + SharedClusters.SHARED_CLUSTERS_PARAMETER
					+ "); declare @EmbeddedCluster(faults = true) to get a cluster of its own");
		}

		@Override
		public String toString() {
			return this.node + "/" + database();
		}

	}

}
