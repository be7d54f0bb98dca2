package io.github.chanuka.database.autoconfigure;

import java.time.Duration;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.pool.PoolProfile;
import io.github.chanuka.database.pool.PoolSettings;
import org.jspecify.annotations.Nullable;

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
		ConfigurationProblems problems = new ConfigurationProblems();
		PoolSettings settings = resolve(prefix, overrides, environment, problems);
		problems.throwIfAny();
		return settings;
	}

	static PoolSettings resolve(ChanukaDatabaseProperties.Pool overrides, ChanukaDatabaseProperties.Startup startup,
			DatabaseEnvironment environment) {
		ConfigurationProblems problems = new ConfigurationProblems();
		PoolSettings settings = resolve(overrides, startup, environment, problems);
		problems.throwIfAny();
		return settings;
	}

	/**
	 * Resolve the primary's pool, recording every bad value.
	 * @param overrides the pool properties
	 * @param startup the startup properties
	 * @param environment the environment
	 * @param problems where bad values are recorded
	 * @return the settings, with the profile's values in place of bad ones
	 */
	static PoolSettings resolve(ChanukaDatabaseProperties.Pool overrides, ChanukaDatabaseProperties.Startup startup,
			DatabaseEnvironment environment, ConfigurationProblems problems) {
		Duration connectTimeout = notNegative(STARTUP_PREFIX, "connect-timeout", startup.getConnectTimeout(), "30s",
				problems);
		return resolve(PREFIX, overrides, environment, connectTimeout, problems);
	}

	/**
	 * Resolve a pool, recording every bad value.
	 * @param prefix the prefix of the pool keys
	 * @param overrides the pool properties
	 * @param environment the environment
	 * @param problems where bad values are recorded
	 * @return the settings, with the profile's values in place of bad ones
	 */
	static PoolSettings resolve(String prefix, ChanukaDatabaseProperties.Pool overrides,
			DatabaseEnvironment environment, ConfigurationProblems problems) {
		return resolve(prefix, overrides, environment, null, problems);
	}

	private static PoolSettings resolve(String prefix, ChanukaDatabaseProperties.Pool overrides,
			DatabaseEnvironment environment, @Nullable Duration connectTimeout, ConfigurationProblems problems) {
		PoolProfile profile = PoolProfile.of(environment);
		int maximumSize = (overrides.getMaximumSize() != null) ? overrides.getMaximumSize() : profile.maximumSize();
		int minimumIdle = (overrides.getMinimumIdle() != null) ? overrides.getMinimumIdle() : profile.minimumIdle();
		if (maximumSize < 1) {
			problems.add(prefix + ".maximum-size", String.valueOf(maximumSize),
					"The pool needs room for at least one connection",
					"Set " + prefix + ".maximum-size to 1 or more (the " + environment.displayName() + " profile uses "
							+ profile.maximumSize() + ").");
			maximumSize = profile.maximumSize();
		}
		if (minimumIdle < 0) {
			problems.add(prefix + ".minimum-idle", String.valueOf(minimumIdle),
					"The number of idle connections cannot be negative",
					"Set " + prefix + ".minimum-idle to 0 or more (the " + environment.displayName() + " profile uses "
							+ profile.minimumIdle() + ").");
			minimumIdle = Math.min(profile.minimumIdle(), maximumSize);
		}
		if (minimumIdle > maximumSize) {
			problems.add(prefix + ".minimum-idle", String.valueOf(minimumIdle),
					"minimum-idle is larger than maximum-size (" + maximumSize + ")",
					"Lower " + prefix + ".minimum-idle to at most " + maximumSize + ", or raise " + prefix
							+ ".maximum-size to at least " + minimumIdle + ".");
			minimumIdle = maximumSize;
		}
		Duration connectionTimeout = positive(prefix, "connection-timeout", overrides.getConnectionTimeout(), problems);
		Duration keepaliveTime = notNegative(prefix, "keepalive-time", overrides.getKeepaliveTime(), "2m", problems);
		return new PoolSettings(minimumIdle, maximumSize,
				(connectionTimeout != null) ? connectionTimeout : profile.connectionTimeout(),
				notNegative(prefix, "idle-timeout", overrides.getIdleTimeout(), "2m", problems),
				notNegative(prefix, "max-lifetime", overrides.getMaxLifetime(), "2m", problems),
				(keepaliveTime != null) ? keepaliveTime : profile.keepaliveTime(),
				positive(prefix, "validation-timeout", overrides.getValidationTimeout(), problems),
				notNegative(prefix, "leak-detection-threshold", overrides.getLeakDetectionThreshold(), "2m", problems),
				positive(prefix, "socket-timeout", overrides.getSocketTimeout(), problems), profile.failFast(),
				(connectTimeout != null) ? connectTimeout : profile.startupConnectTimeout());
	}

	private static @Nullable Duration positive(String prefix, String key, @Nullable Duration value,
			ConfigurationProblems problems) {
		if (value != null && (value.isNegative() || value.isZero())) {
			problems.add(prefix + "." + key, value.toString(), key + " must be longer than zero",
					"Set " + prefix + "." + key + " to a positive duration such as 5s, or remove it to use the default.");
			return null;
		}
		return value;
	}

	private static @Nullable Duration notNegative(String prefix, String key, @Nullable Duration value, String example,
			ConfigurationProblems problems) {
		if (value != null && value.isNegative()) {
			problems.add(prefix + "." + key, value.toString(), key + " cannot be negative",
					"Set " + prefix + "." + key + " to a positive duration such as " + example
							+ ", or 0 to switch it off.");
			return null;
		}
		return value;
	}

}
