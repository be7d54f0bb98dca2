package io.github.chanuka.database.embedded;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @EmbeddedCluster} declared before {@code @SpringBootTest} sets the static field
 * before Spring builds the context, so {@code @DynamicPropertySource} can read it.
 */
@EmbeddedCluster(replicas = 1)
@SpringBootTest(classes = SpringDynamicPropertySourceTests.Config.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "spring.main.banner-mode=off")
class SpringDynamicPropertySourceTests {

	@ClusterResource
	static PostgresCluster cluster;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		PostgresNode primary = cluster.primary();
		registry.add("test.database.url", primary::jdbcUrl);
		registry.add("test.database.username", primary::username);
		registry.add("test.database.password", primary::password);
		registry.add("test.database.replica-url", cluster.replica(1)::jdbcUrl);
	}

	@Autowired
	private Environment environment;

	@Test
	void contextSeesTheClusterStartedBeforeIt() throws SQLException {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(this.environment.getRequiredProperty("test.database.url"));
		dataSource.setUser(this.environment.getRequiredProperty("test.database.username"));
		dataSource.setPassword(this.environment.getRequiredProperty("test.database.password"));

		assertThat(Jdbc.queryForObject(dataSource, "SELECT current_database()", String.class)).isEqualTo("chanuka");
		assertThat(this.environment.getProperty("test.database.replica-url"))
			.isEqualTo(cluster.replica(1).jdbcUrl())
			.isNotEqualTo(cluster.primary().jdbcUrl());
	}

	@SpringBootConfiguration
	static class Config {

	}

}
