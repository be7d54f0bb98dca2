package io.github.chanuka.database.pool;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Effective settings of a node's connection pool: the environment profile with the
 * user's overrides applied. {@code null} durations leave HikariCP's own default.
 *
 * @param minimumIdle idle connections kept ready
 * @param maximumSize largest number of connections
 * @param connectionTimeout longest wait for a connection from the pool
 * @param idleTimeout how long a connection may sit idle above the minimum, zero for
 * never
 * @param maxLifetime longest life of a connection, zero for unlimited
 * @param keepaliveTime interval of keep-alive checks on idle connections, zero when off
 * @param validationTimeout longest wait for a connection to be validated
 * @param leakDetectionThreshold how long a connection may be out before a leak is
 * logged, zero when off
 * @param socketTimeout how long a statement may wait for the server, {@code null} for
 * the driver's default
 * @param failFast whether the pool must connect when created
 * @param startupConnectTimeout how long a fail-fast pool keeps trying to connect when
 * created, zero for a single attempt
 * @author Chanuka Database
 * @since 0.1.0
 */
public record PoolSettings(int minimumIdle, int maximumSize, Duration connectionTimeout,
		@Nullable Duration idleTimeout, @Nullable Duration maxLifetime, Duration keepaliveTime,
		@Nullable Duration validationTimeout, @Nullable Duration leakDetectionThreshold,
		@Nullable Duration socketTimeout, boolean failFast, Duration startupConnectTimeout) {

	/**
	 * Return these settings for a pool that connects only when used and keeps no idle
	 * connection beyond its idle timeout, such as a node's second pool.
	 * @return the settings
	 */
	public PoolSettings onDemand() {
		return new PoolSettings(0, this.maximumSize, this.connectionTimeout, this.idleTimeout, this.maxLifetime,
				this.keepaliveTime, this.validationTimeout, this.leakDetectionThreshold, this.socketTimeout, false,
				this.startupConnectTimeout);
	}

	/**
	 * Return these settings with another fail-fast choice.
	 * @param failFast whether the pool must connect when created
	 * @return the settings
	 */
	public PoolSettings withFailFast(boolean failFast) {
		return new PoolSettings(this.minimumIdle, this.maximumSize, this.connectionTimeout, this.idleTimeout,
				this.maxLifetime, this.keepaliveTime, this.validationTimeout, this.leakDetectionThreshold, this.socketTimeout, failFast,
				this.startupConnectTimeout);
	}

}
