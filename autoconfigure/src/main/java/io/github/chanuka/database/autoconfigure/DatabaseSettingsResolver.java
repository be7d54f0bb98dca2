package io.github.chanuka.database.autoconfigure;

import java.util.List;
import java.util.Objects;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.pool.DatabaseSettings;
import io.github.chanuka.database.pool.JdbcUrls;
import io.github.chanuka.database.pool.NodeConnection;
import io.github.chanuka.database.pool.PoolSettings;
import io.github.chanuka.database.pool.ReplicaSettings;
import io.github.chanuka.database.pool.TlsSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

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
			@Nullable ServiceConnection serviceConnection) {
		ConfigurationProblems problems = new ConfigurationProblems();
		Resolution resolution = resolve(properties, environment, serviceConnection, problems);
		problems.throwIfAny();
		DatabaseSettings settings = Objects.requireNonNull(resolution.settings(), "resolved without problems");
		warnWhenRemoteWithoutEnvironment(resolution.environment(), settings.primary(), settings.tls());
		logger.info("Chanuka Database: " + settings.summary());
		return settings;
	}

	/**
	 * Resolve the settings, recording every problem instead of stopping at the first.
	 * Checks that need the primary (its TLS mode, the replicas' TLS modes) are skipped
	 * when the primary cannot be found.
	 * @param properties the properties
	 * @param environment the environment
	 * @param serviceConnection where a connection details bean puts the nodes, or
	 * {@code null}
	 * @param problems where problems are recorded
	 * @return the settings, which are {@code null} when a problem was found
	 */
	static Resolution resolve(ChanukaDatabaseProperties properties, Environment environment,
			@Nullable ServiceConnection serviceConnection, ConfigurationProblems problems) {
		int before = problems.size();
		EnvironmentResolver.Resolved resolved = problems.resolve(() -> EnvironmentResolver.resolve(properties,
				environment));
		if (resolved == null) {
			resolved = new EnvironmentResolver.Resolved(DatabaseEnvironment.DEVELOPMENT, "default");
		}
		DatabaseEnvironment chosen = resolved.environment();
		NodeConnection primary = problems
			.resolve(() -> PrimaryConnectionResolver.resolve(properties, environment, serviceConnection));
		RoutingSettingsValidator.validate(properties, problems);
		TlsSettings tls = (primary != null)
				? TlsSettingsResolver.resolve(properties.getSsl(), chosen, primary, problems) : null;
		PoolSettings pool = PoolSettingsResolver.resolve(properties.getPool(), properties.getStartup(), chosen,
				problems);
		List<ReplicaSettings> replicas = ReplicaSettingsResolver.resolve(properties, serviceConnection, chosen, primary,
				tls, problems);
		if (primary == null || tls == null || problems.size() > before) {
			return new Resolution(resolved, null);
		}
		return new Resolution(resolved, new DatabaseSettings(chosen, resolved.origin(), primary, pool, tls, replicas));
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

	/**
	 * The environment that applies and the settings, when they could be resolved.
	 *
	 * @param environment the environment and why it applies
	 * @param settings the settings, or {@code null} when a problem was found
	 */
	record Resolution(EnvironmentResolver.Resolved environment, @Nullable DatabaseSettings settings) {

	}

}
