package io.github.chanuka.database.embedded;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * Runs small test classes through the JUnit engine with
 * {@value ExternalPostgresCluster#URL_VARIABLE} pointing at a server that does not exist: the
 * external backend never connects on its own.
 */
class PostgresClusterExtensionTests {

	private static final String UNREACHABLE_SERVER = "jdbc:postgresql://localhost:1/bills?user=clerk&password=secret";

	@AfterEach
	void clearBackend() {
		System.clearProperty(ExternalPostgresCluster.URL_VARIABLE);
	}

	@Test
	void externalServerIsInjectedWhenChanukaTestPostgresUrlIsSet() {
		System.setProperty(ExternalPostgresCluster.URL_VARIABLE, UNREACHABLE_SERVER);

		Events tests = run(PrimaryOnly.class).testEvents();

		tests.assertStatistics((stats) -> stats.started(1).succeeded(1));
	}

	@Test
	void classNeedingReplicasIsSkippedOnAnExternalServerWithTheReason() {
		System.setProperty(ExternalPostgresCluster.URL_VARIABLE, UNREACHABLE_SERVER);

		Events classes = run(NeedsReplicas.class).containerEvents();

		classes.assertThatEvents()
			.haveExactly(1, event(container(NeedsReplicas.class),
					abortedWithReason(message((text) -> text.contains("needs 1 replica(s)")
							&& text.contains(ExternalPostgresCluster.URL_VARIABLE)))));
		assertThat(run(NeedsReplicas.class).testEvents().started().count()).isZero();
	}

	@Test
	void classNeedingFaultsIsSkippedOnAnExternalServer() {
		System.setProperty(ExternalPostgresCluster.URL_VARIABLE, UNREACHABLE_SERVER);

		run(NeedsFaults.class).containerEvents()
			.assertThatEvents()
			.haveExactly(1, event(container(NeedsFaults.class),
					abortedWithReason(message((text) -> text.contains("no fault control")))));
	}

	@Test
	void embeddedClusterIsClosedAfterTheTestClass() {
		Events tests = run(RemembersItsCluster.class).testEvents();

		tests.assertStatistics((stats) -> stats.succeeded(1));
		assertThat(RemembersItsCluster.cluster).isInstanceOf(EmbeddedPostgresCluster.class);
		assertThat(RemembersItsCluster.cluster.primary().isRunning()).isFalse();
		assertThat(((EmbeddedPostgresCluster) RemembersItsCluster.cluster).directory()).doesNotExist();
	}

	private static EngineExecutionResults run(Class<?> testClass) {
		return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
	}

	@EmbeddedCluster(replicas = 0)
	static class PrimaryOnly {

		@ClusterResource
		static PostgresCluster cluster;

		@Test
		void getsTheExternalServer(PostgresCluster parameter) {
			assertThat(parameter).isSameAs(cluster).isInstanceOf(ExternalPostgresCluster.class);
			assertThat(cluster.primary().port()).isEqualTo(1);
			assertThat(cluster.primary().database()).isEqualTo("bills");
			assertThat(cluster.supportsFaults()).isFalse();
		}

	}

	@EmbeddedCluster(replicas = 0)
	static class RemembersItsCluster {

		@ClusterResource
		static PostgresCluster cluster;

		@Test
		void usesTheCluster() {
			assertThat(cluster.primary().isRunning()).isTrue();
		}

	}

	@EmbeddedCluster
	static class NeedsReplicas {

		@Test
		void neverRuns() {
			throw new AssertionError("must be skipped");
		}

	}

	@EmbeddedCluster(replicas = 0, faults = true)
	static class NeedsFaults {

		@Test
		void neverRuns() {
			throw new AssertionError("must be skipped");
		}

	}

}
