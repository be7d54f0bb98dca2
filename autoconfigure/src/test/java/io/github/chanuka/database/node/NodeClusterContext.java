package io.github.chanuka.database.node;

import java.util.ArrayList;
import java.util.List;

import io.github.chanuka.database.autoconfigure.ChanukaDataSourceAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaHealthContributorAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaMetricsAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaResilienceAutoConfiguration;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;

/**
 * Builds the starter's application context on an embedded cluster, for tests of the
 * node package: the nodes' pools carry the starter's decorations and passive failure
 * detection, and the node monitor probes them.
 */
final class NodeClusterContext {

	private NodeClusterContext() {
	}

	/**
	 * Return a runner on the cluster's primary and the given replicas, probed every 200 ms
	 * with a 1 s probe timeout.
	 */
	static ApplicationContextRunner runner(PostgresCluster cluster, List<PostgresNode> replicas) {
		List<String> properties = new ArrayList<>();
		PostgresNode primary = cluster.primary();
		properties.add("chanuka.database.url=" + primary.jdbcUrl());
		properties.add("chanuka.database.username=" + primary.username());
		properties.add("chanuka.database.password=" + primary.password());
		properties.add("chanuka.database.health.check-interval=200ms");
		properties.add("chanuka.database.health.timeout=1s");
		properties.add("chanuka.database.routing.read-your-writes=off");
		for (int i = 0; i < replicas.size(); i++) {
			properties.add("chanuka.database.replicas[" + i + "].url=" + replicas.get(i).jdbcUrl());
			properties.add("chanuka.database.replicas[" + i + "].name=" + replicas.get(i).name());
		}
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class,
					ChanukaMetricsAutoConfiguration.class, ChanukaHealthContributorAutoConfiguration.class,
					ChanukaResilienceAutoConfiguration.class, CircuitBreakerAutoConfiguration.class,
					RetryAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
					TransactionAutoConfiguration.class, TransactionManagerCustomizationAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class))
			.withPropertyValues(properties.toArray(String[]::new));
	}

}
