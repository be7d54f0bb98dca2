package io.github.chanuka.database.autoconfigure;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.pool.DatabaseSettings;
import io.github.chanuka.database.pool.JdbcUrls;
import io.github.chanuka.database.pool.NodeConnection;
import io.github.chanuka.database.pool.TlsSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.core.env.Environment;

/**
 * Assembles the {@link DatabaseSettings} from the properties and the environment: the
 * environment, the primary, the pools (with the startup connect timeout), TLS on every
 * node and the replicas. Warns once when the environment was not chosen and the primary
 * is not on this machine, and logs the resulting summary.
 *
 * @author Chanuka Database
 */
final class DatabaseSettingsResolver {

	private static final Log logger = LogFactory.getLog(DatabaseSettingsResolver.class);

	private DatabaseSettingsResolver() {
	}

	static DatabaseSettings resolve(ChanukaDatabaseProperties properties, Environment environment,
			@Nullable JdbcConnectionDetails serviceConnection) {
		EnvironmentResolver.Resolved resolved = EnvironmentResolver.resolve(properties, environment);
		NodeConnection primary = PrimaryConnectionResolver.resolve(properties, environment, serviceConnection);
		RoutingSettingsValidator.validate(properties);
		DatabaseEnvironment chosen = resolved.environment();
		TlsSettings tls = TlsSettingsResolver.resolve(properties.getSsl(), chosen, primary);
		warnWhenRemoteWithoutEnvironment(resolved, primary, tls);
		DatabaseSettings settings = new DatabaseSettings(chosen, resolved.origin(), primary,
				PoolSettingsResolver.resolve(properties.getPool(), properties.getStartup(), chosen), tls,
				ReplicaSettingsResolver.resolve(properties, chosen, primary, tls));
		logger.info("Chanuka Database: " + settings.summary());
		return settings;
	}

	private static void warnWhenRemoteWithoutEnvironment(EnvironmentResolver.Resolved resolved,
			NodeConnection primary, TlsSettings tls) {
		if (resolved.isDefault() && !JdbcUrls.isLocal(primary.jdbcUrl()) && logger.isWarnEnabled()) {
			logger.warn("Chanuka Database: no environment is set, so " + resolved.environment().displayName()
					+ " applies to the primary at " + primary.maskedUrl() + ", which is not on this machine (sslmode "
					+ tls.modeFor(primary.jdbcUrl()).parameterValue() + "); set chanuka.database.environment "
					+ "(or activate a profile such as prod, or set NODE_ENV) to choose the pool profile and TLS policy.");
		}
	}

}
