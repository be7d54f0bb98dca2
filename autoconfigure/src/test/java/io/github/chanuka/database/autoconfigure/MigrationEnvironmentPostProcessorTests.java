package io.github.chanuka.database.autoconfigure;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationEnvironmentPostProcessorTests {

	private final MigrationEnvironmentPostProcessor postProcessor = new MigrationEnvironmentPostProcessor(
			(log) -> log.get());

	@Test
	void liquibaseIsSwitchedOffWhenThereIsNoChangelog() {
		MockEnvironment environment = new MockEnvironment();
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.liquibase.enabled")).isEqualTo("false");
	}

	@Test
	void liquibaseStaysOnWhenTheDefaultChangelogExists(@TempDir Path classpath) throws Exception {
		Path changelog = classpath.resolve("db/changelog/db.changelog-master.yaml");
		Files.createDirectories(changelog.getParent());
		Files.writeString(changelog, "databaseChangeLog: []\n");
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classpath.toUri().toURL() },
				getClass().getClassLoader())) {
			SpringApplication application = new SpringApplication();
			application.setResourceLoader(new org.springframework.core.io.DefaultResourceLoader(loader));
			MockEnvironment environment = new MockEnvironment();
			this.postProcessor.postProcessEnvironment(environment, application);
			assertThat(environment.getProperty("spring.liquibase.enabled")).isNull();
		}
	}

	@Test
	void liquibaseStaysOnWhenTheApplicationNamesAChangelog() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.liquibase.change-log",
				"classpath:db/other.yaml");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.liquibase.enabled")).isNull();
	}

	@Test
	void migrationSwitchOffDisablesLiquibase() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.liquibase.change-log",
				"classpath:db/other.yaml")
			.withProperty("chanuka.database.migration.enabled", "false");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.liquibase.enabled")).isEqualTo("false");
	}

	@Test
	void explicitLiquibaseSwitchWins() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.liquibase.enabled", "true")
			.withProperty("chanuka.database.migration.enabled", "false");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.liquibase.enabled")).isEqualTo("true");
	}

}
