package io.github.chanuka.database.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Keeps datasource-micrometer from wrapping the routing {@code dataSource}: its proxy
 * reads the connection's metadata as soon as a connection is handed out, which makes
 * Spring's lazy routing proxy take a physical connection before it knows the
 * transaction is read-only, so every read would go to the primary. The starter
 * instruments each node's pool with datasource-micrometer instead. An application that
 * sets {@code jdbc.excluded-data-source-bean-names} itself keeps its own list.
 *
 * @author Chanuka Database
 */
class DataSourceObservationEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String AUTO_CONFIGURATION = "net.ttddyy.observation.boot.autoconfigure.DataSourceObservationAutoConfiguration";

	static final String EXCLUDED = "jdbc.excluded-data-source-bean-names";

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (ClassUtils.isPresent(AUTO_CONFIGURATION, application.getClassLoader())
				&& !environment.containsProperty(EXCLUDED)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("chanukaDatabaseObservation", Map.of(EXCLUDED, "dataSource")));
		}
	}

}
