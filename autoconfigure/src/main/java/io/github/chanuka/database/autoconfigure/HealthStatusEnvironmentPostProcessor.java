package io.github.chanuka.database.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Places the {@code DEGRADED} status between {@code OUT_OF_SERVICE} and {@code UP} in
 * the health status order, unless the application orders statuses itself, so that a
 * degraded database layer shows in the overall health without failing it. Does nothing
 * without {@code spring-boot-health}.
 *
 * @author Chanuka Database
 */
class HealthStatusEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String ORDER_PROPERTY = "management.endpoint.health.status.order";

	private static final String HEALTH_INDICATOR = "org.springframework.boot.health.contributor.HealthIndicator";

	/**
	 * The code of {@code DatabaseHealthIndicator.DEGRADED}, spelled out so that this
	 * class loads without {@code spring-boot-health}.
	 */
	static final String DEGRADED = "DEGRADED";

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.containsProperty(ORDER_PROPERTY)
				&& ClassUtils.isPresent(HEALTH_INDICATOR, application.getClassLoader())) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("chanukaDatabaseHealthStatus", Map.of(ORDER_PROPERTY,
						"DOWN,OUT_OF_SERVICE," + DEGRADED + ",UP,UNKNOWN")));
		}
	}

}
