package io.github.chanuka.database.metrics.observation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.metrics.QueryMetrics;
import io.github.chanuka.database.metrics.QueryStatistics;
import io.github.chanuka.database.node.DatabaseTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With datasource-micrometer on the class path (only in this test's own surefire
 * execution, see the module's pom), reads still go to a replica and writes to the
 * primary, every node's statements are observed under its pool's name, the starter does
 * not time them a second time, and the status report still has query totals.
 */
@EmbeddedCluster(replicas = 1)
class DataSourceMicrometerIntegrationTests {

	@Test
	void routingObservationsPerNodeAndQueryTotalsWorkWithDatasourceMicrometer(PostgresCluster cluster) {
		assertThat(isPresent("net.ttddyy.observation.boot.autoconfigure.DataSourceObservationAutoConfiguration"))
			.as("datasource-micrometer on the class path of this execution")
			.isTrue();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ObservedApplication.class)
			.web(WebApplicationType.NONE)
			.properties("chanuka.database.url=" + cluster.primary().jdbcUrl(),
					"chanuka.database.username=" + cluster.primary().username(),
					"chanuka.database.password=" + cluster.primary().password(),
					"chanuka.database.replicas[0].url=" + cluster.replica(1).jdbcUrl(),
					"chanuka.database.health.check-interval=200ms", "spring.liquibase.enabled=false")
			.run()) {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			TransactionTemplate readOnly = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			readOnly.setReadOnly(true);
			await().untilAsserted(() -> {
				Boolean onReplica = readOnly
					.execute((status) -> jdbc.queryForObject("select pg_is_in_recovery()", Boolean.class));
				assertThat(onReplica).as("a read-only transaction runs on the replica").isTrue();
			});
			assertThat(jdbc.queryForObject("select pg_is_in_recovery()", Boolean.class)).as("a write runs on the primary")
				.isFalse();
			List<String> observed = context.getBean(ObservedApplication.class).queryDataSources;
			assertThat(observed).contains("chanuka-primary", "chanuka-replica-1").doesNotContain("dataSource");
			assertThat(context.getBeansOfType(QueryMetrics.class)).as("no second statement timing").isEmpty();
			assertThat(context.getBean(QueryStatistics.class).totals().count()).isPositive();
			assertThat(context.getBean(DatabaseTopology.class).replicas()).hasSize(1);
		}
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className);
			return true;
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ObservedApplication {

		final List<String> queryDataSources = new CopyOnWriteArrayList<>();

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		ObservationRegistry observationRegistry(MeterRegistry meters) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig()
				.observationHandler(new io.micrometer.core.instrument.observation.DefaultMeterObservationHandler(meters));
			registry.observationConfig().observationHandler(new ObservationHandler<>() {

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

				@Override
				public void onStop(Observation.Context context) {
					if ("jdbc.query".equals(context.getName())) {
						var name = context.getLowCardinalityKeyValue("jdbc.datasource.name");
						if (name != null) {
							ObservedApplication.this.queryDataSources.add(name.getValue());
						}
					}
				}

			});
			return registry;
		}

	}

}
