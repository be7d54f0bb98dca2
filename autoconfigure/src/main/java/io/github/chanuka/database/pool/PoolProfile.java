package io.github.chanuka.database.pool;

import java.time.Duration;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.SslMode;

/**
 * Pool sizing and connection defaults of one environment, before overrides.
 *
 * @param minimumIdle idle connections kept ready
 * @param maximumSize largest number of connections
 * @param sslMode TLS mode
 * @param connectionTimeout longest wait for a connection from the pool
 * @param keepaliveTime interval of keep-alive checks on idle connections, zero when off
 * @param failFast whether startup fails when the primary is unreachable
 * @param startupConnectTimeout how long a fail-fast startup keeps trying to reach the
 * primary, zero for a single attempt
 * @author Chanuka Database
 * @since 0.1.0
 */
public record PoolProfile(int minimumIdle, int maximumSize, SslMode sslMode, Duration connectionTimeout,
		Duration keepaliveTime, boolean failFast, Duration startupConnectTimeout) {

	private static final PoolProfile DEVELOPMENT = new PoolProfile(2, 10, SslMode.DISABLE, Duration.ofSeconds(5),
			Duration.ofMinutes(2), false, Duration.ZERO);

	private static final PoolProfile TEST = new PoolProfile(1, 5, SslMode.DISABLE, Duration.ofSeconds(5),
			Duration.ZERO, false, Duration.ZERO);

	private static final PoolProfile STAGING = new PoolProfile(3, 15, SslMode.PREFER, Duration.ofSeconds(10),
			Duration.ofMinutes(2), true, Duration.ofSeconds(30));

	private static final PoolProfile PRODUCTION = new PoolProfile(5, 50, SslMode.REQUIRE, Duration.ofSeconds(10),
			Duration.ofMinutes(2), true, Duration.ofSeconds(30));

	/**
	 * Return the profile applied in an environment before overrides.
	 * @param environment the environment
	 * @return the profile
	 */
	public static PoolProfile of(DatabaseEnvironment environment) {
		return switch (environment) {
			case DEVELOPMENT -> DEVELOPMENT;
			case TEST -> TEST;
			case STAGING -> STAGING;
			case PRODUCTION -> PRODUCTION;
		};
	}

}
