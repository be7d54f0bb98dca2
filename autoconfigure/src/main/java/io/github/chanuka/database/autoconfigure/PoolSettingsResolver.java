package io.github.chanuka.database.autoconfigure;

import java.time.Duration;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import io.github.chanuka.database.pool.PoolProfile;
import io.github.chanuka.database.pool.PoolSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;

/**
 * Applies {@code chanuka.database.pool.*} overrides to the environment profile and
 * rejects values that cannot work, naming the key.
 *
 * @author Chanuka Database
 */
final class PoolSettingsResolver {

	static final String PREFIX = "chanuka.database.pool";

	static final String STARTUP_PREFIX = "chanuka.database.startup";

	private PoolSettingsResolver() {
	}

	static PoolSettings resolve(ChanukaDatabaseProperties.Pool overrides, DatabaseEnvironment environment) {
		return resolve(PREFIX, overrides, environment);
	}

	static PoolSettings resolve(String prefix, ChanukaDatabaseProperties.Pool overrides,
			DatabaseEnvironment environment) {
		return resolve(prefix, overrides, environment, null);
	}

	static PoolSettings resolve(ChanukaDatabaseProperties.Pool overrides, ChanukaDatabaseProperties.Startup startup,
			DatabaseEnvironment environment) {
		return resolve(PREFIX, overrides, environment, notNegative(STARTUP_PREFIX, "connect-timeout",
				startup.getConnectTimeout(), "30s"));
	}

	private static PoolSettings resolve(String prefix, ChanukaDatabaseProperties.Pool overrides,
			DatabaseEnvironment environment, @Nullable Duration connectTimeout) {
		PoolProfile profile = PoolProfile.of(environment);
		int maximumSize = (overrides.getMaximumSize() != null) ? overrides.getMaximumSize() : profile.maximumSize();
		int minimumIdle = (overrides.getMinimumIdle() != null) ? overrides.getMinimumIdle() : profile.minimumIdle();
		if (maximumSize < 1) {
			throw new InvalidDatabaseConfigurationException(prefix + ".maximum-size", String.valueOf(maximumSize),
					"The pool needs room for at least one connection",
					"Set " + prefix + ".maximum-size to 1 or more (the " + environment.displayName() + " profile uses "
							+ profile.maximumSize() + ").");
		}
		if (minimumIdle < 0) {
			throw new InvalidDatabaseConfigurationException(prefix + ".minimum-idle", String.valueOf(minimumIdle),
					"The number of idle connections cannot be negative",
					"Set " + prefix + ".minimum-idle to 0 or more (the " + environment.displayName() + " profile uses "
							+ profile.minimumIdle() + ").");
		}
		if (minimumIdle > maximumSize) {
			throw new InvalidDatabaseConfigurationException(prefix + ".minimum-idle", String.valueOf(minimumIdle),
					"minimum-idle is larger than maximum-size (" + maximumSize + ")",
					"Lower " + prefix + ".minimum-idle to at most " + maximumSize + ", or raise " + prefix
							+ ".maximum-size to at least " + minimumIdle + ".");
		}
		Duration connectionTimeout = positive(prefix, "connection-timeout",
				(overrides.getConnectionTimeout() != null) ? overrides.getConnectionTimeout()
						: profile.connectionTimeout());
		Duration keepaliveTime = notNegative(prefix, "keepalive-time",
				(overrides.getKeepaliveTime() != null) ? overrides.getKeepaliveTime() : profile.keepaliveTime());
		return new PoolSettings(minimumIdle, maximumSize, connectionTimeout,
				notNegative(prefix, "idle-timeout", overrides.getIdleTimeout()),
				notNegative(prefix, "max-lifetime", overrides.getMaxLifetime()), keepaliveTime,
				positive(prefix, "validation-timeout", overrides.getValidationTimeout()),
				notNegative(prefix, "leak-detection-threshold", overrides.getLeakDetectionThreshold()),
				positive(prefix, "socket-timeout", overrides.getSocketTimeout()), profile.failFast(),
				(connectTimeout != null) ? connectTimeout : profile.startupConnectTimeout());
	}

	@Contract("_, _, !null -> !null")
	private static @Nullable Duration positive(String prefix, String key, @Nullable Duration value) {
		if (value != null && (value.isNegative() || value.isZero())) {
			throw new InvalidDatabaseConfigurationException(prefix + "." + key, value.toString(),
					key + " must be longer than zero",
					"Set " + prefix + "." + key + " to a positive duration such as 5s, or remove it to use the default.");
		}
		return value;
	}

	@Contract("_, _, !null -> !null")
	private static @Nullable Duration notNegative(String prefix, String key, @Nullable Duration value) {
		return notNegative(prefix, key, value, "2m");
	}

	@Contract("_, _, !null, _ -> !null")
	private static @Nullable Duration notNegative(String prefix, String key, @Nullable Duration value,
			String example) {
		if (value != null && value.isNegative()) {
			throw new InvalidDatabaseConfigurationException(prefix + "." + key, value.toString(),
					key + " cannot be negative", "Set " + prefix + "." + key + " to a positive duration such as "
							+ example + ", or 0 to switch it off.");
		}
		return value;
	}

}
