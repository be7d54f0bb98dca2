package io.github.chanuka.database;

import java.time.Duration;

import io.github.chanuka.database.pool.PoolProfile;

/**
 * Deployment environment of the application, each with its own pool profile.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public enum DatabaseEnvironment {

	/**
	 * Local development: small pool, no TLS, starts without a reachable database.
	 */
	DEVELOPMENT(new PoolProfile(2, 10, SslMode.DISABLE, Duration.ofSeconds(5), Duration.ofMinutes(2), false)),

	/**
	 * Automated tests: smallest pool, no TLS, no keep-alive, lazy start.
	 */
	TEST(new PoolProfile(1, 5, SslMode.DISABLE, Duration.ofSeconds(5), Duration.ZERO, false)),

	/**
	 * Pre-production: medium pool, TLS preferred, fails fast when the primary is
	 * unreachable.
	 */
	STAGING(new PoolProfile(3, 15, SslMode.PREFER, Duration.ofSeconds(10), Duration.ofMinutes(2), true)),

	/**
	 * Production: large pool, TLS required, fails fast when the primary is
	 * unreachable.
	 */
	PRODUCTION(new PoolProfile(5, 50, SslMode.REQUIRE, Duration.ofSeconds(10), Duration.ofMinutes(2), true));

	private final PoolProfile profile;

	DatabaseEnvironment(PoolProfile profile) {
		this.profile = profile;
	}

	/**
	 * Return the pool profile applied in this environment before overrides.
	 * @return the profile
	 */
	public PoolProfile profile() {
		return this.profile;
	}

	/**
	 * Return the lower-case name used in configuration and output.
	 * @return the name, such as {@code production}
	 */
	public String displayName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
