package io.github.chanuka.database.autoconfigure;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.chanuka.database.pool.DatabaseSettings;
import io.github.chanuka.database.pool.NodeConnection;
import io.github.chanuka.database.pool.NodePoolFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the application's {@link DataSource}: the HikariCP pool
 * {@code chanuka-primary}, sized by the environment profile. Backs off when the
 * application defines its own {@link DataSource}.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass({ HikariDataSource.class, DataSourceAutoConfiguration.class, org.postgresql.Driver.class })
@ConditionalOnBooleanProperty(name = "chanuka.database.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(DataSource.class)
@EnableConfigurationProperties(ChanukaDatabaseProperties.class)
public final class ChanukaDataSourceAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ChanukaDataSourceAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	DatabaseSettings chanukaDatabaseSettings(ChanukaDatabaseProperties properties, Environment environment,
			ObjectProvider<JdbcConnectionDetails> serviceConnection) {
		EnvironmentResolver.Resolved resolved = EnvironmentResolver.resolve(properties, environment);
		NodeConnection primary = PrimaryConnectionResolver.resolve(properties, environment,
				serviceConnection.getIfAvailable());
		DatabaseSettings settings = new DatabaseSettings(resolved.environment(), resolved.origin(), primary,
				PoolSettingsResolver.resolve(properties.getPool(), resolved.environment()),
				TlsSettingsResolver.resolve(properties.getSsl(), resolved.environment(), primary));
		logger.info("Chanuka Database: " + settings.summary());
		return settings;
	}

	@Bean
	@ConditionalOnMissingBean
	NodePoolFactory chanukaNodePoolFactory() {
		return new NodePoolFactory(PoolSettingsResolver.PREFIX);
	}

	@Bean
	HikariDataSource dataSource(DatabaseSettings settings, NodePoolFactory poolFactory) {
		return poolFactory.create("primary", settings.primary(), settings.pool(), settings.tls());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class ActuatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "chanukaCredentialSanitizingFunction")
		CredentialSanitizingFunction chanukaCredentialSanitizingFunction() {
			return new CredentialSanitizingFunction();
		}

	}

}
