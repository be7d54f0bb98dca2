package io.github.chanuka.database.sample;

import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.chanuka.database.embedded.EmbeddedPostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample starts its own embedded cluster when no database is configured, and runs
 * on its primary.
 */
@SampleApplicationTest
class EmbeddedClusterTests {

	@Autowired
	private EmbeddedPostgresCluster cluster;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private BillService bills;

	@Autowired
	private Environment environment;

	@Test
	void applicationRunsOnThePrimaryOfTheEmbeddedCluster() throws SQLException {
		PostgresNode primary = this.cluster.primary();
		HikariDataSource pool = this.dataSource.unwrap(HikariDataSource.class);
		assertThat(pool.getPoolName()).isEqualTo("chanuka-primary");
		assertThat(pool.getJdbcUrl()).isEqualTo(primary.jdbcUrl());
		assertThat(pool.getUsername()).isEqualTo(primary.username());
		assertThat(primary.isInRecovery()).isFalse();
	}

	@Test
	void replicaUrlIsPublishedForReadRouting() {
		PostgresNode replica = this.cluster.replica(1);
		assertThat(this.environment.getProperty("chanuka.database.replicas[0].name")).isEqualTo("replica-1");
		assertThat(this.environment.getProperty("chanuka.database.replicas[0].url"))
			.isEqualTo(replica.jdbcUrl());
	}

	@Test
	void replicaStreamsWritesMadeThroughTheApplication() {
		Bill created = this.bills.create(new NewBill("Replicated Bill", BillStatus.INTRODUCED, null,
				LocalDate.of(2025, 6, 1)));
		JdbcClient replica = JdbcClient.create(this.cluster.replica(1).dataSource());
		assertThat(this.cluster.replica(1).isInRecovery()).isTrue();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(replica.sql("SELECT title FROM bills WHERE id = ?")
				.param(created.id())
				.query(String.class)
				.optional()).contains("Replicated Bill"));
	}

}
