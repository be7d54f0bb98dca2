package io.github.chanuka.database.autoconfigure;

import java.time.Duration;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import io.github.chanuka.database.pool.PoolProfile;
import io.github.chanuka.database.pool.PoolSettings;

/**
 * Applies {@code chanuka.database.pool.*} overrides to the environment profile and
 * rejects values that cannot work, naming the key.
 *
 * @author Chanuka Database
 */
final class PoolSettingsResolver {

	static final String PREFIX = "chanuka.database.pool";

	private PoolSettingsResolver() {
	}

	static PoolSettings resolve(ChanukaDatabaseProperties.Pool overrides, DatabaseEnvironment environment) {
		PoolProfile profile = environment.profile();
		int maximumSize = (overrides.getMaximumSize() != null) ? overrides.getMaximumSize() : profile.maximumSize();
		int minimumIdle = (overrides.getMinimumIdle() != null) ? overrides.getMinimumIdle() : profile.minimumIdle();
		if (maximumSize < 1) {
			throw new InvalidDatabaseConfigurationException(PREFIX + ".maximum-size", String.valueOf(maximumSize),
					"The pool needs room for at least one connection",
					"Set " + PREFIX + ".maximum-size to 1 or more (the " + environment.displayName() + " profile uses "
							+ profile.maximumSize() + ").");
		}
		if (minimumIdle < 0) {
			throw new InvalidDatabaseConfigurationException(PREFIX + ".minimum-idle", String.valueOf(minimumIdle),
					"The number of idle connections cannot be negative",
					"Set " + PREFIX + ".minimum-idle to 0 or more (the " + environment.displayName() + " profile uses "
							+ profile.minimumIdle() + ").");
		}
		if (minimumIdle > maximumSize) {
			throw new InvalidDatabaseConfigurationException(PREFIX + ".minimum-idle", String.valueOf(minimumIdle),
					"minimum-idle is larger than maximum-size (" + maximumSize + ")",
					"Lower " + PREFIX + ".minimum-idle to at most " + maximumSize + ", or raise " + PREFIX
							+ ".maximum-size to at least " + minimumIdle + ".");
		}
		Duration connectionTimeout = positive("connection-timeout",
				(overrides.getConnectionTimeout() != null) ? overrides.getConnectionTimeout()
						: profile.connectionTimeout());
		Duration keepaliveTime = notNegative("keepalive-time",
				(overrides.getKeepaliveTime() != null) ? overrides.getKeepaliveTime() : profile.keepaliveTime());
		return new PoolSettings(minimumIdle, maximumSize, connectionTimeout,
				notNegative("idle-timeout", overrides.getIdleTimeout()),
				notNegative("max-lifetime", overrides.getMaxLifetime()), keepaliveTime,
				positive("validation-timeout", overrides.getValidationTimeout()),
				notNegative("leak-detection-threshold", overrides.getLeakDetectionThreshold()), profile.failFast());
	}

	private static Duration positive(String key, Duration value) {
		if (value != null && (value.isNegative() || value.isZero())) {
			throw new InvalidDatabaseConfigurationException(PREFIX + "." + key, value.toString(),
					key + " must be longer than zero",
					"Set " + PREFIX + "." + key + " to a positive duration such as 5s, or remove it to use the default.");
		}
		return value;
	}

	private static Duration notNegative(String key, Duration value) {
		if (value != null && value.isNegative()) {
			throw new InvalidDatabaseConfigurationException(PREFIX + "." + key, value.toString(),
					key + " cannot be negative",
					"Set " + PREFIX + "." + key + " to a positive duration such as 2m, or 0 to switch it off.");
		}
		return value;
	}

}
