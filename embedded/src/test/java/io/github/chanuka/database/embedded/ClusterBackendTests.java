package io.github.chanuka.database.embedded;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterBackendTests {

	private static final String URL = "jdbc:postgresql://db.example.org:6543/bills?user=clerk&password=s3cr%26t&sslmode=require";

	@Test
	void embeddedClusterIsTheDefault() {
		assertThat(ClusterBackend.select(environment(Map.of()))).isEqualTo(ClusterBackend.EMBEDDED);
	}

	@Test
	void externalServerIsUsedWhenChanukaTestPostgresUrlIsSet() {
		UnaryOperator<String> environment = environment(Map.of("CHANUKA_TEST_POSTGRES_URL", URL));

		ClusterBackend backend = ClusterBackend.select(environment);
		PostgresCluster cluster = backend.start(new ClusterRequest(0, false, false, List.of()), environment);

		assertThat(backend).isEqualTo(ClusterBackend.EXTERNAL);
		assertThat(cluster).isInstanceOf(ExternalPostgresCluster.class);
		assertThat(cluster.replicas()).isEmpty();
		assertThat(cluster.supportsFaults()).isFalse();
		PostgresNode primary = cluster.primary();
		assertThat(primary.name()).isEqualTo("primary");
		assertThat(primary.host()).isEqualTo("db.example.org");
		assertThat(primary.port()).isEqualTo(6543);
		assertThat(primary.database()).isEqualTo("bills");
		assertThat(primary.username()).isEqualTo("clerk");
		assertThat(primary.password()).isEqualTo("s3cr&t");
		assertThat(primary.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.org:6543/bills?sslmode=require");
		assertThat(primary.dataSource().getSslMode()).isEqualTo("require");
	}

	@Test
	void externalServerUrlWinsOverTheBackendProperty() {
		UnaryOperator<String> environment = environment(
				Map.of("CHANUKA_TEST_POSTGRES_URL", URL, "chanuka.test.backend", "testcontainers"));

		assertThat(ClusterBackend.select(environment)).isEqualTo(ClusterBackend.EXTERNAL);
	}

	@Test
	void testcontainersBackendIsSelectedByTheSystemProperty() {
		assertThat(ClusterBackend.select(environment(Map.of("chanuka.test.backend", "testcontainers"))))
			.isEqualTo(ClusterBackend.TESTCONTAINERS);
		assertThat(ClusterBackend.select(environment(Map.of("CHANUKA_TEST_BACKEND", "Testcontainers"))))
			.isEqualTo(ClusterBackend.TESTCONTAINERS);
	}

	@Test
	void unknownBackendIsRejectedWithTheChoices() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClusterBackend.select(environment(Map.of("chanuka.test.backend", "docker"))))
			.withMessageContaining("'docker'")
			.withMessageContaining("'embedded' or 'testcontainers'");
	}

	@Test
	void primaryOnlyBackendsSayWhyTheyCannotServeReplicasFaultsOrSsl() {
		assertThat(ClusterBackend.EXTERNAL.unmetRequirement(new ClusterRequest(2, false, false, List.of())))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("needs 2 replica(s)")
				.contains("CHANUKA_TEST_POSTGRES_URL"));
		assertThat(ClusterBackend.EXTERNAL.unmetRequirement(new ClusterRequest(0, false, true, List.of())))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("no fault control"));
		assertThat(ClusterBackend.TESTCONTAINERS.unmetRequirement(new ClusterRequest(0, true, false, List.of())))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("SSL").contains("testcontainers"));
		assertThat(ClusterBackend.EXTERNAL.unmetRequirement(new ClusterRequest(0, false, false, List.of())))
			.isEmpty();
		assertThat(ClusterBackend.EMBEDDED.unmetRequirement(new ClusterRequest(2, true, true, List.of()))).isEmpty();
	}

	@Test
	void postgresUrlsAreUnderstood() {
		PostgresNode primary = ExternalPostgresCluster.of("postgres://clerk:p%40ss@localhost/bills?sslmode=disable")
			.primary();

		assertThat(primary.port()).isEqualTo(5432);
		assertThat(primary.username()).isEqualTo("clerk");
		assertThat(primary.password()).isEqualTo("p@ss");
		assertThat(primary.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/bills?sslmode=disable");
	}

	@Test
	void urlsWithoutUserAreRejectedWithoutRevealingThePassword() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ExternalPostgresCluster.of("jdbc:postgresql://localhost/bills?password=hunter2"))
			.withMessageContaining("must name a user")
			.withMessageNotContaining("hunter2");
		assertThatIllegalArgumentException().isThrownBy(() -> ExternalPostgresCluster.of("mysql://root:hunter2@x/db"))
			.withMessageNotContaining("hunter2");
	}

	@Test
	void externalNodesRefuseFaultControl() {
		PostgresNode primary = ExternalPostgresCluster.of(URL).primary();

		assertThatThrownBy(primary::stop).isInstanceOf(UnsupportedOperationException.class)
			.hasMessageContaining("external server");
		assertThatThrownBy(primary::pause).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(primary::promote).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void annotationSettingsMustBeNameValuePairs() {
		assertThat(new ClusterRequest(0, false, false, List.of("max_connections = 50")).settingsMap())
			.containsExactly(Map.entry("max_connections", "50"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClusterRequest(0, false, false, List.of("max_connections")).settingsMap())
			.withMessageContaining("name=value");
	}

	private static UnaryOperator<String> environment(Map<String, String> values) {
		return values::get;
	}

}
