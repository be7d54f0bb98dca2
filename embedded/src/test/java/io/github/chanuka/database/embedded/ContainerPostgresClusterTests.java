package io.github.chanuka.database.embedded;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs only where Docker is available; skipped elsewhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerPostgresClusterTests {

	@Test
	void containerPrimaryAcceptsTheConfiguredCredentials() throws SQLException {
		try (ContainerPostgresCluster cluster = ContainerPostgresCluster.start()) {
			PostgresNode primary = cluster.primary();

			assertThat(Jdbc.queryForObject(primary, "SELECT current_user", String.class)).isEqualTo("chanuka");
			assertThat(primary.isInRecovery()).isFalse();
			assertThat(cluster.replicas()).isEmpty();
			assertThat(cluster.supportsFaults()).isFalse();
		}
	}

}
