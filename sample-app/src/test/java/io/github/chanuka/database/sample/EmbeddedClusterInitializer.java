package io.github.chanuka.database.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.github.chanuka.database.embedded.EmbeddedPostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts an {@link EmbeddedPostgresCluster} (a primary and two streaming replicas) before
 * the context refreshes, unless a database is configured through
 * {@code chanuka.database.url}, {@code spring.datasource.url}, {@code DATABASE_URL} or
 * {@code DB_HOST}. Points {@code chanuka.database.url}, {@code username} and
 * {@code password} at the primary, publishes the replicas' URLs as
 * {@code chanuka.database.replicas[i].url}, and registers the cluster as the
 * bean {@value #BEAN_NAME}, stopped when the context closes or fails to start.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class EmbeddedClusterInitializer
		implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

	/**
	 * Name of the cluster bean.
	 */
	public static final String BEAN_NAME = "embeddedPostgresCluster";

	/**
	 * Name of the property source holding the cluster's connection settings.
	 */
	public static final String PROPERTY_SOURCE_NAME = "embeddedPostgresCluster";

	static final List<String> DATABASE_KEYS = List.of("chanuka.database.url", "spring.datasource.url",
			"DATABASE_URL", "DB_HOST");

	static final int REPLICAS = 2;

	static final String DATABASE = "chanuka";

	static final String USERNAME = "chanuka";

	static final String PASSWORD = "chanuka-secret";

	private static final Log logger = LogFactory.getLog(EmbeddedClusterInitializer.class);

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		Optional<String> configured = DATABASE_KEYS.stream()
			.filter((key) -> StringUtils.hasText(environment.getProperty(key)))
			.findFirst();
		if (configured.isPresent()) {
			logger.debug("Not starting the embedded PostgreSQL cluster: " + configured.get() + " is set");
			return;
		}
		EmbeddedPostgresCluster cluster = EmbeddedPostgresCluster.builder()
			.replicas(REPLICAS)
			.ssl(false)
			.database(DATABASE)
			.username(USERNAME)
			.password(PASSWORD)
			.start();
		register(context, cluster);
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties(cluster)));
		logger.info("Started embedded PostgreSQL cluster (set chanuka.database.url to use another server): "
				+ cluster.nodes().stream().map(this::describe).collect(Collectors.joining(", ")));
	}

	private void register(ConfigurableApplicationContext context, EmbeddedPostgresCluster cluster) {
		DefaultSingletonBeanRegistry registry = (DefaultSingletonBeanRegistry) context.getBeanFactory();
		registry.registerSingleton(BEAN_NAME, cluster);
		// a manually registered singleton is not destroyed unless registered as disposable;
		// registered first, it is destroyed last, after the pools that use it
		registry.registerDisposableBean(BEAN_NAME, cluster::close);
	}

	private Map<String, Object> properties(EmbeddedPostgresCluster cluster) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("chanuka.database.url", cluster.primary().jdbcUrl());
		properties.put("chanuka.database.username", cluster.primary().username());
		properties.put("chanuka.database.password", cluster.primary().password());
		List<PostgresNode> replicas = cluster.replicas();
		for (int i = 0; i < replicas.size(); i++) {
			properties.put("chanuka.database.replicas[" + i + "].name", replicas.get(i).name());
			properties.put("chanuka.database.replicas[" + i + "].url", replicas.get(i).jdbcUrl());
		}
		return properties;
	}

	private String describe(PostgresNode node) {
		// the URL holds no credentials
		return node.name() + " " + node.jdbcUrl();
	}

}
