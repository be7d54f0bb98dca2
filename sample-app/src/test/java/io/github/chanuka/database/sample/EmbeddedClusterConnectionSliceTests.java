package io.github.chanuka.database.sample;

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

import static org.assertj.core.api.Assertions.assertThat;

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
		SliceRouting.assertReadsOnAReplicaAndWritesOnThePrimary(this.bills, this.jdbc, this.transactionManager);
	}

}
