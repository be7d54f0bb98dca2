package io.github.chanuka.database.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Checks the whole {@code chanuka.database.*} configuration the moment it is bound, so
 * that no bean sees it, and nothing reaches the database, before every setting is known
 * to work. Runs every rule of the settings resolvers (primary and replica URLs, pools,
 * TLS, routing, health, resilience, alert rules, the backup schedule, the drain timeout
 * and the slow-query threshold) and fails with one
 * {@link io.github.chanuka.database.InvalidDatabaseConfigurationException} listing every
 * problem found.
 *
 * <p>
 * Binding is the one point every path to the database crosses: Liquibase,
 * {@code spring.sql.init}, JPA and a {@code CommandLineRunner} all need the
 * {@code dataSource} bean, which needs the settings, which need the bound properties.
 * The integrations' own checks run again when their beans are built, from the same
 * resolvers, and then find nothing.
 *
 * @author Chanuka Database
 */
final class DatabaseConfigurationValidator implements BeanPostProcessor, BeanClassLoaderAware {

	private static final String RESILIENCE4J = "io.github.resilience4j.retry.RetryConfig";

	private final Environment environment;

	private final ObjectProvider<ChanukaDatabaseConnectionDetails> clusterConnection;

	private final ObjectProvider<JdbcConnectionDetails> jdbcConnection;

	private @Nullable ClassLoader classLoader;

	DatabaseConfigurationValidator(Environment environment,
			ObjectProvider<ChanukaDatabaseConnectionDetails> clusterConnection,
			ObjectProvider<JdbcConnectionDetails> jdbcConnection) {
		this.environment = environment;
		this.clusterConnection = clusterConnection;
		this.jdbcConnection = jdbcConnection;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ChanukaDatabaseProperties properties) {
			validate(properties);
		}
		return bean;
	}

	void validate(ChanukaDatabaseProperties properties) {
		ConfigurationProblems problems = new ConfigurationProblems();
		DatabaseSettingsResolver.resolve(properties, this.environment,
				ServiceConnection.find(this.clusterConnection, this.jdbcConnection), problems);
		checkIntegrations(properties, problems);
		problems.throwIfAny();
	}

	private void checkIntegrations(ChanukaDatabaseProperties properties, ConfigurationProblems problems) {
		if (ClassUtils.isPresent(RESILIENCE4J, this.classLoader)) {
			ResilienceSettingsResolver.checkRetry(properties.getResilience().getRetry(), problems);
			if (properties.getResilience().getCircuitBreaker().isEnabled()) {
				ResilienceSettingsResolver.checkCircuitBreaker(properties.getResilience().getCircuitBreaker(),
						problems);
			}
		}
		if (properties.getAlerts().isEnabled()) {
			AlertRuleSettings.check(properties.getAlerts(), problems);
		}
		if (properties.getBackup().getSchedule() != null) {
			OperationsBackupSettings.validateSchedule(properties.getBackup(), problems);
		}
		OperationalSettingsValidator.checkDrainTimeout(properties.getShutdown().getDrainTimeout(), problems);
		if (properties.getMonitoring().isEnabled()) {
			OperationalSettingsValidator.checkSlowQueryThreshold(properties.getMonitoring().getSlowQueryThreshold(),
					problems);
		}
	}

}
