package io.github.chanuka.database.pool;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;

import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;

/**
 * Builds the HikariCP pool of one node, named {@code chanuka-<node>}.
 *
 * <p>
 * A fail-fast pool opens its first connection while it is built, retrying for up to
 * {@link PoolSettings#startupConnectTimeout()} (HikariCP's
 * {@code initializationFailTimeout}), logs how long it waited, and reports a node still
 * unreachable as a {@link PrimaryUnreachableException}; any other pool starts on its
 * first use, so the application starts without a database. Each node gets the shared
 * {@code sslmode} of {@link TlsSettings#modeFor(String)}.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class NodePoolFactory {

	private static final Log logger = LogFactory.getLog(NodePoolFactory.class);

	private static final String DRIVER_CLASS_NAME = "org.postgresql.Driver";

	private static final String STARTUP_KEY = "chanuka.database.startup.connect-timeout";

	private final String propertyPrefix;

	/**
	 * Create a new factory.
	 * @param propertyPrefix prefix of the pool keys, used to name a key Hikari rejects,
	 * such as {@code chanuka.database.pool}
	 */
	public NodePoolFactory(String propertyPrefix) {
		this.propertyPrefix = propertyPrefix;
	}

	/**
	 * Build the pool of a node.
	 * @param node the node name, such as {@code primary}
	 * @param connection where the node is reached
	 * @param pool the pool settings
	 * @param tls the TLS settings
	 * @return the pool, started when {@link PoolSettings#failFast()} is set
	 */
	public HikariDataSource create(String node, NodeConnection connection, PoolSettings pool, TlsSettings tls) {
		return create(node, connection, pool, tls, null);
	}

	/**
	 * Build the pool of a node, with a hook that sees every {@link java.sql.SQLException}
	 * the pool's connections and statements pass on.
	 * @param node the node name, such as {@code primary}
	 * @param connection where the node is reached
	 * @param pool the pool settings
	 * @param tls the TLS settings
	 * @param failures HikariCP's exception hook, {@code null} for none
	 * @return the pool, started when {@link PoolSettings#failFast()} is set
	 */
	public HikariDataSource create(String node, NodeConnection connection, PoolSettings pool, TlsSettings tls,
			@Nullable SQLExceptionOverride failures) {
		HikariConfig config = configure(node, connection, pool, tls);
		if (failures != null) {
			config.setExceptionOverride(failures);
		}
		if (!pool.failFast()) {
			HikariDataSource dataSource = new HikariDataSource();
			config.copyStateTo(dataSource);
			return dataSource;
		}
		long start = System.nanoTime();
		try {
			HikariDataSource dataSource = new HikariDataSource(config);
			Duration waited = Duration.ofNanos(System.nanoTime() - start);
			if (logger.isInfoEnabled()) {
				logger.info("Chanuka Database: " + node + " reachable after " + seconds(waited) + " (up to "
						+ seconds(pool.startupConnectTimeout()) + " allowed by " + STARTUP_KEY + ")");
			}
			return dataSource;
		}
		catch (PoolInitializationException ex) {
			throw new PrimaryUnreachableException(node, connection.maskedUrl(),
					Duration.ofNanos(System.nanoTime() - start), ex);
		}
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	private HikariConfig configure(String node, NodeConnection connection, PoolSettings pool, TlsSettings tls) {
		HikariConfig config = new HikariConfig();
		PropertyMapper map = PropertyMapper.get();
		config.setPoolName("chanuka-" + node);
		config.setDriverClassName(DRIVER_CLASS_NAME);
		config.setJdbcUrl(connection.jdbcUrl());
		// PostgreSQL's default, set rather than detected: HikariCP detects it on the pool's
		// first connection, and a connection lost during that detection leaves the pool
		// unable to set up any connection again (brettwooldridge/HikariCP#1944)
		config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
		map.from(connection.username()).to(config::setUsername);
		map.from(connection.password()).to(config::setPassword);
		map.from(pool.maximumSize()).to(guarded("maximum-size", config::setMaximumPoolSize));
		map.from(pool.minimumIdle()).to(guarded("minimum-idle", config::setMinimumIdle));
		map.from(pool.connectionTimeout()).as(Duration::toMillis)
			.to(guarded("connection-timeout", config::setConnectionTimeout));
		map.from(pool.idleTimeout()).as(Duration::toMillis).to(guarded("idle-timeout", config::setIdleTimeout));
		map.from(pool.maxLifetime()).as(Duration::toMillis).to(guarded("max-lifetime", config::setMaxLifetime));
		map.from(pool.keepaliveTime()).as(Duration::toMillis).to(guarded("keepalive-time", config::setKeepaliveTime));
		map.from(pool.validationTimeout()).as(Duration::toMillis)
			.to(guarded("validation-timeout", config::setValidationTimeout));
		map.from(pool.leakDetectionThreshold()).as(Duration::toMillis)
			.to(guarded("leak-detection-threshold", config::setLeakDetectionThreshold));
		map.from(pool.socketTimeout())
			.as((timeout) -> String.valueOf(Math.max(1, (timeout.toMillis() + 999) / 1000)))
			.to((seconds) -> config.addDataSourceProperty("socketTimeout", seconds));
		config.setInitializationFailTimeout(
				pool.failFast() ? Math.max(1, pool.startupConnectTimeout().toMillis()) : -1);
		config.addDataSourceProperty("sslmode", tls.modeFor(connection.jdbcUrl()).parameterValue());
		map.from(tls.rootCertificate()).to((path) -> config.addDataSourceProperty("sslrootcert", path.toString()));
		return config;
	}

	private <T> Consumer<T> guarded(String key, Consumer<T> setter) {
		return (value) -> {
			try {
				setter.accept(value);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidDatabaseConfigurationException(this.propertyPrefix + "." + key, String.valueOf(value),
						"HikariCP rejected the value: " + ex.getMessage(), "Change " + this.propertyPrefix + "." + key
								+ " to a value HikariCP accepts (durations are converted to milliseconds).");
			}
		};
	}

}
