package io.github.chanuka.database;

/**
 * Deployment environment of the application; each has its own pool profile
 * ({@code io.github.chanuka.database.pool.PoolProfile#of}).
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public enum DatabaseEnvironment {

	/**
	 * Local development: small pool, no TLS, starts without a reachable database.
	 */
	DEVELOPMENT,

	/**
	 * Automated tests: smallest pool, no TLS, no keep-alive, lazy start.
	 */
	TEST,

	/**
	 * Pre-production: medium pool, TLS preferred, fails fast when the primary is
	 * unreachable.
	 */
	STAGING,

	/**
	 * Production: large pool, TLS required, fails fast when the primary is
	 * unreachable.
	 */
	PRODUCTION;

	/**
	 * Return the lower-case name used in configuration and output.
	 * @return the name, such as {@code production}
	 */
	public String displayName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
