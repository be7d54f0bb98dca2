package io.github.chanuka.database.pool;

import java.time.Duration;

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
 * @author Chanuka Database
 * @since 0.1.0
 */
public record PoolProfile(int minimumIdle, int maximumSize, SslMode sslMode, Duration connectionTimeout,
		Duration keepaliveTime, boolean failFast) {

}
