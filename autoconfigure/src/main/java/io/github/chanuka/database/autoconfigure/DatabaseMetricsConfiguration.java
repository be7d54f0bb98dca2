package io.github.chanuka.database.autoconfigure;

import io.github.chanuka.database.metrics.NodeMetrics;
import io.github.chanuka.database.metrics.RoutingMetrics;
import io.github.chanuka.database.routing.DatabaseTopology;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer integration: routing counters, node gauges and the replica pools' HikariCP
 * metrics, bound when the application's meter registry is ready.
 *
 * @author Chanuka Database
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MeterBinder.class)
class DatabaseMetricsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RoutingMetrics chanukaRoutingMetrics(DatabaseTopology topology) {
		return new RoutingMetrics(topology);
	}

	@Bean
	@ConditionalOnMissingBean
	NodeMetrics chanukaNodeMetrics(DatabaseTopology topology) {
		return new NodeMetrics(topology);
	}

}
