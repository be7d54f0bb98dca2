package io.github.chanuka.database.routing.jdbc;

import java.time.Duration;

import io.github.chanuka.database.autoconfigure.ChanukaDataSourceAutoConfiguration;
import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Data JDBC: a repository's inherited finders (read-only transactions) run on
 * a replica, {@code save} on the primary, whether read-only transactions run as
 * transactions or per statement.
 */
@EmbeddedCluster(replicas = 1, faults = true)
class DataJdbcRoutingIntegrationTests {

	@ParameterizedTest(name = "read-only-transactions={0}")
	@ValueSource(strings = { "transaction", "statement" })
	void inheritedFindersRunOnAReplicaAndSaveOnThePrimary(String readOnlyTransactions, PostgresCluster cluster) {
		PostgresNode primary = cluster.primary();
		JdbcTemplate onPrimary = new JdbcTemplate(primary.dataSource());
		onPrimary.execute("create table if not exists jdbc_petitions (id bigserial primary key, title text not null)");
		onPrimary.execute("truncate jdbc_petitions");
		cluster.awaitReplicated(Duration.ofSeconds(10));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class, DataJdbcRepositoriesAutoConfiguration.class))
			.withUserConfiguration(JdbcPackage.class)
			.withPropertyValues("chanuka.database.url=" + primary.jdbcUrl(),
					"chanuka.database.username=" + primary.username(),
					"chanuka.database.password=" + primary.password(),
					"chanuka.database.replicas[0].url=" + cluster.replica(1).jdbcUrl(),
					"chanuka.database.routing.read-your-writes=off",
					"chanuka.database.read-only-transactions=" + readOnlyTransactions)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				PetitionRepository petitions = context.getBean(PetitionRepository.class);
				assertThat(petitions.serverPort()).as("port of the server of a read-only query method")
					.isEqualTo(cluster.replica(1).port());
				Petition saved = petitions.save(new Petition(null, "Open the library on Sundays"));
				assertThat(onPrimary.queryForObject("select title from jdbc_petitions where id = ?", String.class,
						saved.id()))
					.as("saved on the primary")
					.isEqualTo("Open the library on Sundays");
				cluster.awaitReplicated(Duration.ofSeconds(10));
				assertThat(petitions.findById(saved.id())).map(Petition::title).contains("Open the library on Sundays");
				cluster.replica(1).pauseReplay();
				try {
					Petition unseen = petitions.save(new Petition(null, "Plant trees"));
					assertThat(petitions.findById(unseen.id()))
						.as("read from the replica, which has not replayed the write yet")
						.isEmpty();
					assertThat(petitions.count()).as("count from the replica").isEqualTo(1);
				}
				finally {
					cluster.replica(1).resumeReplay();
				}
				cluster.awaitReplicated(Duration.ofSeconds(10));
				assertThat(petitions.count()).isEqualTo(2);
			});
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage
	static class JdbcPackage {

	}

}
