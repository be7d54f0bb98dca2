package io.github.chanuka.database.benchmarks;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The stacks compared in the same run, on the same server and with the same pool size.
 */
public enum Variant {

	/**
	 * Hand-written JDBC on a HikariCP pool: what the starter is measured against.
	 */
	RAW,

	/**
	 * Spring Boot's own JDBC auto-configuration (its HikariCP pool, {@code @Transactional},
	 * {@code JdbcTemplate}), with the starter switched off: what Spring itself costs.
	 */
	BOOT_JDBC,

	/**
	 * The starter with everything on: routing over a replica, a breaker per node, the
	 * {@code @DatabaseOperation} retry advisor, query metrics and slow-query detection.
	 */
	STARTER,

	/**
	 * The starter with {@code chanuka.database.monitoring.enabled=false}: no statement
	 * timing.
	 */
	STARTER_NO_METRICS,

	/**
	 * The raw variant's hand-written JDBC on the starter's {@code DataSource} with
	 * everything on: the cost of the starter's data source layer (routing, breakers, lazy
	 * connection proxy, statement timing) with the calling code held equal.
	 */
	STARTER_DATASOURCE,

	/**
	 * The starter with {@code chanuka.database.routing.read-your-writes=off}: no WAL
	 * position read on the primary after each write commit, to price the causal token.
	 */
	STARTER_CAUSAL_OFF,

	/**
	 * The starter with {@code chanuka.database.resilience.circuit-breaker.enabled=false}:
	 * no breaker around connection acquisition, to price Resilience4j's per-call
	 * recording and events.
	 */
	STARTER_NO_BREAKER,

	/**
	 * The starter with {@code chanuka.database.read-only-transactions=statement}: a
	 * read-only transaction's statements in autocommit, one round trip each.
	 */
	STARTER_STATEMENT,

	/**
	 * The raw variant's hand-written JDBC on the starter's {@code DataSource} with
	 * {@code chanuka.database.read-only-transactions=statement}.
	 */
	STARTER_DATASOURCE_STATEMENT;

	/**
	 * Return the Spring application's configuration for this variant.
	 * @param target the server
	 * @param readOnly whether plain Boot's single pool should point at the server that
	 * serves the starter's reads
	 * @return the properties
	 */
	Map<String, Object> properties(BenchTarget target, boolean readOnly) {
		Map<String, Object> properties = new LinkedHashMap<>();
		switch (this) {
			case BOOT_JDBC -> {
				properties.put("chanuka.database.enabled", "false");
				properties.put("spring.datasource.url", readOnly ? target.readUrl() : target.primaryUrl());
				properties.put("spring.datasource.username", target.username());
				properties.put("spring.datasource.password", target.password());
				properties.put("spring.datasource.hikari.maximum-pool-size", BenchTarget.POOL_SIZE);
				properties.put("spring.datasource.hikari.minimum-idle", BenchTarget.POOL_SIZE);
			}
			case STARTER, STARTER_NO_METRICS, STARTER_DATASOURCE, STARTER_CAUSAL_OFF, STARTER_NO_BREAKER,
					STARTER_STATEMENT, STARTER_DATASOURCE_STATEMENT -> {
				properties.putAll(target.starterProperties(1));
				properties.put("chanuka.database.pool.maximum-size", BenchTarget.POOL_SIZE);
				properties.put("chanuka.database.pool.minimum-idle", BenchTarget.POOL_SIZE);
				properties.put("chanuka.database.monitoring.enabled", String.valueOf(this != STARTER_NO_METRICS));
				if (this == STARTER_CAUSAL_OFF) {
					properties.put("chanuka.database.routing.read-your-writes", "off");
				}
				if (this == STARTER_STATEMENT || this == STARTER_DATASOURCE_STATEMENT) {
					properties.put("chanuka.database.read-only-transactions", "statement");
				}
				if (this == STARTER_NO_BREAKER) {
					properties.put("chanuka.database.resilience.circuit-breaker.enabled", "false");
				}
			}
			case RAW -> throw new IllegalStateException("The raw variant has no Spring application");
		}
		return properties;
	}

	/**
	 * Open what a benchmark fork calls for this variant.
	 * @param target the server
	 * @param readOnly whether the fork reads
	 * @return the opened stack
	 * @throws SQLException when the raw pool cannot start
	 */
	public Stack open(BenchTarget target, boolean readOnly) throws SQLException {
		if (this == RAW) {
			return new RawJdbc(target, readOnly);
		}
		ConfigurableApplicationContext context = BenchApplication.start(properties(target, readOnly));
		return (this == STARTER_DATASOURCE || this == STARTER_DATASOURCE_STATEMENT) ? new RawJdbc(context)
				: new SpringStack(context);
	}

	/**
	 * The code under test of one variant.
	 */
	public interface Stack extends AutoCloseable {

		String findName(long id) throws SQLException;

		int insert(long itemId, String note) throws SQLException;

		/**
		 * Open every pooled connection before measuring.
		 * @throws SQLException when a connection cannot be opened
		 */
		void warmPool() throws SQLException;

		@Override
		void close();

	}

}
