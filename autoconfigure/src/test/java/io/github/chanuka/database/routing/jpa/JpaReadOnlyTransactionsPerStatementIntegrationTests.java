package io.github.chanuka.database.routing.jpa;

import java.time.Duration;

import io.github.chanuka.database.autoconfigure.ChanukaDataSourceAutoConfiguration;
import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.node.NodeState;
import jakarta.persistence.EntityManager;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Hibernate and Spring Data JPA and
 * {@code chanuka.database.read-only-transactions=statement}: a repository's read-only
 * query sends no transaction block to the replica, and Hibernate's read-only session
 * (manual flush, read-only entities) behaves as before.
 */
@EmbeddedCluster(replicas = 1, settings = "shared_preload_libraries=pg_stat_statements")
class JpaReadOnlyTransactionsPerStatementIntegrationTests {

	@Test
	void aReadOnlyRepositoryMethodSendsNoTransactionBlockAndTheReadOnlySessionIsUnchanged(PostgresCluster cluster) {
		PostgresNode primary = cluster.primary();
		PostgresNode replica = cluster.replica(1);
		new JdbcTemplate(primary.dataSource()).execute("create extension if not exists pg_stat_statements");
		runner(cluster).run((context) -> {
			assertThat(context).hasNotFailed();
			MotionRepository motions = context.getBean(MotionRepository.class);
			Motion saved = motions.save(new Motion("Adjourn"));
			cluster.awaitReplicated(Duration.ofSeconds(10));
			DatabaseNode replicaNode = context.getBean(DatabaseTopology.class).replicas().get(0);
			await().atMost(Duration.ofSeconds(10)).until(() -> replicaNode.state().status() == NodeState.Status.UP);
			long before = transactionBlocks(replica);
			for (int i = 0; i < 10; i++) {
				assertThat(motions.titleOf(saved.getId())).isEqualTo("Adjourn");
			}
			assertThat(motions.serverPort()).isEqualTo(replica.port());
			assertThat(transactionBlocks(replica) - before).isZero();

			EntityManager entityManager = SharedEntityManagerCreator
				.createSharedEntityManager(context.getBean(jakarta.persistence.EntityManagerFactory.class));
			TransactionTemplate readOnly = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			readOnly.setReadOnly(true);
			readOnly.executeWithoutResult((status) -> {
				Session session = entityManager.unwrap(Session.class);
				assertThat(session.getHibernateFlushMode()).isEqualTo(FlushMode.MANUAL);
				assertThat(session.isDefaultReadOnly()).isTrue();
				Motion loaded = entityManager.find(Motion.class, saved.getId());
				assertThat(session.isReadOnly(loaded)).isTrue();
				loaded.setTitle("Changed in a read-only transaction");
			});
			assertThat(new JdbcTemplate(primary.dataSource())
				.queryForObject("select title from jpa_motions where id = ?", String.class, saved.getId()))
				.as("nothing flushed")
				.isEqualTo("Adjourn");
			assertThat(motions.findById(saved.getId())).map(Motion::getTitle).contains("Adjourn");
		});
	}

	private static ApplicationContextRunner runner(PostgresCluster cluster) {
		PostgresNode primary = cluster.primary();
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class,
					HibernateJpaAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class,
					TransactionAutoConfiguration.class))
			.withUserConfiguration(JpaPackage.class)
			.withPropertyValues("chanuka.database.url=" + primary.jdbcUrl(),
					"chanuka.database.username=" + primary.username(),
					"chanuka.database.password=" + primary.password(),
					"chanuka.database.replicas[0].url=" + cluster.replica(1).jdbcUrl(),
					"chanuka.database.read-only-transactions=statement", "spring.jpa.hibernate.ddl-auto=update",
					// the saved row's own reads would go to the primary until the next probe sees the replica replay it
					"chanuka.database.routing.read-your-writes=off");
	}

	/**
	 * BEGINs and COMMITs run on the node, as {@code pg_stat_statements} counts them.
	 */
	private static long transactionBlocks(PostgresNode node) {
		Long blocks = new JdbcTemplate(node.dataSource())
			.queryForObject("select coalesce(sum(calls), 0) from pg_stat_statements "
					+ "where dbid = (select oid from pg_database where datname = current_database()) "
					+ "and (lower(query) like 'begin%' or lower(query) = 'commit')", Long.class);
		return (blocks != null) ? blocks : 0;
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage
	static class JpaPackage {

	}

}
