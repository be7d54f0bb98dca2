package io.github.chanuka.database.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A minimal Boot application with every auto-configuration on the class path (the
 * starter brings Actuator, Micrometer Prometheus, Resilience4j, AspectJ, Liquibase), as an
 * application using the starter would have.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class BenchApplication {

	@Bean
	BenchRepository benchRepository(JdbcTemplate jdbc) {
		return new BenchRepository(jdbc);
	}

	/**
	 * Start the application.
	 * @param properties its configuration
	 * @return the running context
	 */
	public static ConfigurableApplicationContext start(Map<String, Object> properties) {
		return start(properties, Map.of());
	}

	/**
	 * Start the application with extra singletons, such as a
	 * {@link io.github.chanuka.database.node.NodeDataSourceDecorator} that watches the
	 * nodes.
	 * @param properties its configuration
	 * @param singletons beans to register before the context refreshes, by name
	 * @return the running context
	 */
	public static ConfigurableApplicationContext start(Map<String, Object> properties, Map<String, Object> singletons) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("logging.level.root", "WARN");
		all.put("spring.liquibase.enabled", "false");
		all.putAll(properties);
		return new SpringApplicationBuilder(BenchApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(all)
			.initializers((context) -> singletons.forEach(context.getBeanFactory()::registerSingleton))
			.run();
	}

}
