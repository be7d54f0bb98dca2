package io.github.chanuka.database.sample;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

import com.zaxxer.hikari.HikariDataSource;
import io.github.chanuka.database.embedded.EmbeddedPostgresCluster;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.test.ImportEmbeddedCluster;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code @JdbcTest} slice on the embedded cluster through {@code @ImportEmbeddedCluster}:
 * its connection details bean names the primary and the replicas, with no
 * {@code @DynamicPropertySource}, and wins over a configured URL (which also keeps the
 * sample's own initializer from starting a second cluster).
 */
@JdbcTest(properties = "chanuka.database.url=jdbc:postgresql://localhost:1/overridden")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ImportEmbeddedCluster(replicas = 1)
@Import({ BillService.class, BillRepository.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class EmbeddedClusterConnectionSliceTests {

	@Autowired
	private EmbeddedPostgresCluster cluster;

	@Autowired
	private DatabaseTopology topology;

	@Autowired
	private BillService bills;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Test
	void connectionDetailsOfTheImportedClusterNameThePrimaryAndTheReplicas() {
		assertThat(this.topology.primary().dataSource().getJdbcUrl()).isEqualTo(this.cluster.primary().jdbcUrl());
		assertThat(this.topology.replicas()).extracting(DatabaseNode::name).containsExactly("replica-1");
		HikariDataSource replica = this.topology.replicas().get(0).dataSource();
		assertThat(replica.getJdbcUrl()).isEqualTo(this.cluster.replica(1).jdbcUrl());
	}

	@Test
	void readOnlyRepositoryCallRunsOnTheReplicaAndAWriteOnThePrimary() {
		Bill created = this.bills.create(new NewBill("Service Connection Bill", null, null, LocalDate.of(2025, 2, 1)));
		TransactionTemplate readOnly = new TransactionTemplate(this.transactionManager);
		readOnly.setReadOnly(true);
		// the replica is usable once the node monitor's first probe saw it
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> {
				Boolean onReplica = readOnly.execute((status) -> inRecovery());
				assertThat(onReplica).as("read-only transaction on the replica").isTrue();
			});
		assertThat(inRecovery()).as("no transaction: the primary").isFalse();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> {
				Optional<Bill> found = readOnly.execute((status) -> this.bills.find(created.id()));
				assertThat(found).as("replicated and read through the read-only service on the replica").isPresent();
			});
	}

	private Boolean inRecovery() {
		return this.jdbc.sql("select pg_is_in_recovery()").query(Boolean.class).single();
	}

}
