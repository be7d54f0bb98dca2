package io.github.chanuka.database.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.chanuka.database.autoconfigure.ChanukaDataSourceAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaHealthContributorAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaMetricsAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaReadYourWritesWebAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaResilienceAutoConfiguration;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds application contexts on an embedded cluster and tells which node served a
 * statement.
 */
final class ClusterContext {

	private ClusterContext() {
	}

	static ApplicationContextRunner runner(PostgresCluster cluster) {
		return new ApplicationContextRunner().withConfiguration(configurations())
			.withPropertyValues(properties(cluster));
	}

	static WebApplicationContextRunner webRunner(PostgresCluster cluster) {
		return new WebApplicationContextRunner().withConfiguration(configurations())
			.withPropertyValues(properties(cluster));
	}

	static WebApplicationContextRunner webRunnerWithoutReplicas(PostgresCluster cluster) {
		return new WebApplicationContextRunner().withConfiguration(configurations())
			.withPropertyValues(primaryOnly(cluster));
	}

	static ApplicationContextRunner runnerWithoutReplicas(PostgresCluster cluster) {
		return new ApplicationContextRunner().withConfiguration(configurations())
			.withPropertyValues(primaryOnly(cluster));
	}

	private static String[] primaryOnly(PostgresCluster cluster) {
		return java.util.Arrays.stream(properties(cluster))
			.filter((property) -> !property.startsWith("chanuka.database.replicas"))
			.toArray(String[]::new);
	}

	private static AutoConfigurations configurations() {
		return AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class, ChanukaMetricsAutoConfiguration.class,
				ChanukaHealthContributorAutoConfiguration.class, ChanukaReadYourWritesWebAutoConfiguration.class,
				ChanukaResilienceAutoConfiguration.class, CircuitBreakerAutoConfiguration.class, RetryAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, JdbcTemplateAutoConfiguration.class);
	}

	private static String[] properties(PostgresCluster cluster) {
		List<String> properties = new ArrayList<>();
		PostgresNode primary = cluster.primary();
		properties.add("chanuka.database.url=" + primary.jdbcUrl());
		properties.add("chanuka.database.username=" + primary.username());
		properties.add("chanuka.database.password=" + primary.password());
		properties.add("chanuka.database.health.check-interval=200ms");
		properties.add("chanuka.database.health.timeout=1s");
		for (int i = 0; i < cluster.replicas().size(); i++) {
			properties.add("chanuka.database.replicas[" + i + "].url=" + cluster.replicas().get(i).jdbcUrl());
		}
		return properties.toArray(String[]::new);
	}

	/**
	 * Map of server port to node name, such as 5433 to replica-1.
	 */
	static Map<Integer, String> nodeNamesByPort(PostgresCluster cluster) {
		return cluster.nodes().stream().collect(Collectors.toMap(PostgresNode::port, PostgresNode::name));
	}

	static String readOnly(ApplicationContext context, PostgresCluster cluster) {
		return run(context, cluster, true);
	}

	static String readWrite(ApplicationContext context, PostgresCluster cluster) {
		return run(context, cluster, false);
	}

	private static String run(ApplicationContext context, PostgresCluster cluster, boolean readOnly) {
		TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		transaction.setReadOnly(readOnly);
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		Integer port = transaction.execute((status) -> jdbc.queryForObject("select inet_server_port()", Integer.class));
		return nodeNamesByPort(cluster).get(port);
	}

	/**
	 * Run a request through the read-your-writes filter, the handler standing in for the
	 * application.
	 */
	static MockHttpServletResponse request(ReadYourWritesFilter filter, MockHttpServletRequest request,
			Handler handler) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, (req, res) -> handler.handle((HttpServletResponse) res));
		return response;
	}

	/**
	 * What the application does with a request.
	 */
	@FunctionalInterface
	interface Handler {

		void handle(HttpServletResponse response);

	}

}
