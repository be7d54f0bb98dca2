package io.github.chanuka.database.embedded;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs small test classes through the JUnit engine with {@code chanuka.test.shared-clusters=true}:
 * classes that break no node share one cluster, each on a database of its own that is gone
 * once the class is done; a class asking for faults keeps a cluster of its own; the shared
 * cluster stops when the run ends.
 */
class SharedClusterTests {

	@Test
	void classesWithoutFaultsShareOneClusterEachOnItsOwnDatabase() {
		Seen.clusters.clear();
		Events tests = EngineTestKit.engine("junit-jupiter")
			.configurationParameter(SharedClusters.SHARED_CLUSTERS_PARAMETER, "true")
			.selectors(selectClass(First.class), selectClass(Second.class), selectClass(Faulty.class))
			.execute()
			.testEvents();

		tests.assertStatistics((stats) -> stats.started(3).succeeded(3));
		assertThat(Seen.clusters).hasSize(3);
		PostgresCluster first = Seen.clusters.get(0);
		PostgresCluster second = Seen.clusters.get(1);
		PostgresCluster faulty = Seen.clusters.get(2);
		assertThat(first).isInstanceOf(DatabasePerClassCluster.class);
		assertThat(first.primary().port()).isEqualTo(second.primary().port());
		assertThat(first.replica(1).port()).isEqualTo(second.replica(1).port());
		assertThat(first.primary().database()).isNotEqualTo(second.primary().database());
		assertThat(faulty).isInstanceOf(EmbeddedPostgresCluster.class);
		assertThat(faulty.primary().port()).isNotEqualTo(first.primary().port());
		EmbeddedPostgresCluster shared = ((DatabasePerClassCluster) first).shared();
		assertThat(shared.primary().isRunning()).as("the shared cluster stops when the run ends").isFalse();
		assertThat(shared.directory()).doesNotExist();
	}

	@Test
	void nodesOfASharedClusterRefuseFaults() {
		Seen.clusters.clear();
		EngineTestKit.engine("junit-jupiter")
			.configurationParameter(SharedClusters.SHARED_CLUSTERS_PARAMETER, "true")
			.selectors(selectClass(First.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.succeeded(1));
		PostgresNode replica = Seen.clusters.get(0).replica(1);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(replica::pause)
			.withMessageContaining("faults = true");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(replica::promote);
	}

	static final class Seen {

		static final List<PostgresCluster> clusters = new ArrayList<>();

		private Seen() {
		}

	}

	@EmbeddedCluster(replicas = 1)
	static class First {

		@Test
		void writesToItsDatabaseAndReadsItOnTheReplica(PostgresCluster cluster) throws SQLException {
			Seen.clusters.add(cluster);
			Jdbc.execute(cluster.primary(), "create table notes (id int primary key)");
			cluster.awaitReplicated(Duration.ofSeconds(30));
			assertThat(Jdbc.queryForObject(cluster.replica(1), "select current_database()", String.class))
				.isEqualTo(cluster.primary().database());
			assertThat(Jdbc.queryForObject(cluster.replica(1), "select count(*) from notes", Long.class)).isZero();
		}

	}

	@EmbeddedCluster(replicas = 1)
	static class Second {

		@Test
		void startsWithoutTheTablesOfAnotherClass(PostgresCluster cluster) throws SQLException {
			Seen.clusters.add(cluster);
			assertThat(Jdbc.queryForObject(cluster.primary(), "select to_regclass('notes') is null", Boolean.class))
				.isTrue();
			Jdbc.execute(cluster.primary(), "create table notes (id int primary key)");
		}

	}

	@EmbeddedCluster(replicas = 0, faults = true)
	static class Faulty {

		@Test
		void getsAClusterOfItsOwn(PostgresCluster cluster) {
			Seen.clusters.add(cluster);
			assertThat(cluster.supportsFaults()).isTrue();
		}

	}

}
