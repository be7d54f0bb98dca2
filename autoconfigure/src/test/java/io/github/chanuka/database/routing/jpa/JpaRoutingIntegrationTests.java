package io.github.chanuka.database.routing.jpa;

import java.time.Duration;
import java.util.Map;

import io.github.chanuka.database.autoconfigure.ChanukaDataSourceAutoConfiguration;
import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.JpaTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Hibernate and Spring Data JPA: a repository's read-only finder runs on a replica,
 * {@code save} on the primary.
 */
@EmbeddedCluster(replicas = 1)
class JpaRoutingIntegrationTests {

	@Test
	void readOnlyFindersRunOnAReplicaAndSaveOnThePrimary(PostgresCluster cluster) {
		PostgresNode primary = cluster.primary();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class,
					HibernateJpaAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class,
					TransactionAutoConfiguration.class))
			.withUserConfiguration(JpaPackage.class)
			.withPropertyValues("chanuka.database.url=" + primary.jdbcUrl(),
					"chanuka.database.username=" + primary.username(),
					"chanuka.database.password=" + primary.password(),
					"chanuka.database.replicas[0].url=" + cluster.replica(1).jdbcUrl(),
					"chanuka.database.routing.read-your-writes=off", "spring.jpa.hibernate.ddl-auto=update")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("transactionManager")).isInstanceOf(JpaTransactionManager.class);
				MotionRepository motions = context.getBean(MotionRepository.class);
				Map<Integer, String> names = Map.of(primary.port(), "primary", cluster.replica(1).port(), "replica-1");
				Motion saved = motions.save(new Motion("Adjourn"));
				assertThat(new JdbcTemplate(primary.dataSource())
					.queryForObject("select title from jpa_motions where id = ?", String.class, saved.getId()))
					.as("saved on the primary")
					.isEqualTo("Adjourn");
				cluster.awaitReplicated(Duration.ofSeconds(10));
				assertThat(names.get(motions.serverPort())).isEqualTo("replica-1");
				assertThat(motions.findById(saved.getId())).map(Motion::getTitle).contains("Adjourn");
			});
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage
	static class JpaPackage {

	}

}
