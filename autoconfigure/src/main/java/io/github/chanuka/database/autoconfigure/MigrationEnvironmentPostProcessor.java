package io.github.chanuka.database.autoconfigure;

import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Keeps Liquibase, which the starter brings, from being forced on an application: sets
 * {@code spring.liquibase.enabled=false} when {@code chanuka.database.migration.enabled}
 * is {@code false}, or when the application has no changelog at Spring Boot's default
 * location and names none. An explicit {@code spring.liquibase.enabled} always wins.
 *
 * @author Chanuka Database
 */
class MigrationEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String DEFAULT_CHANGELOG = "classpath:/db/changelog/db.changelog-master.yaml";

	private static final String PROPERTY_SOURCE_NAME = "chanukaDatabaseMigration";

	private final Log logger;

	MigrationEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(MigrationEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClassLoader classLoader = application.getClassLoader();
		if (environment.containsProperty("spring.liquibase.enabled")
				|| !ClassUtils.isPresent("liquibase.integration.spring.SpringLiquibase", classLoader)) {
			return;
		}
		if (!environment.getProperty("chanuka.database.migration.enabled", Boolean.class, true)) {
			disable(environment, "chanuka.database.migration.enabled is false");
			return;
		}
		ResourceLoader resourceLoader = new DefaultResourceLoader(classLoader);
		if (!environment.containsProperty("spring.liquibase.change-log")
				&& !resourceLoader.getResource(DEFAULT_CHANGELOG).exists()) {
			disable(environment, "there is no changelog at " + DEFAULT_CHANGELOG);
		}
	}

	private void disable(ConfigurableEnvironment environment, String reason) {
		this.logger.debug("Liquibase migrations switched off: " + reason);
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of("spring.liquibase.enabled", "false")));
	}

}
