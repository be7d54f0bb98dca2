package io.github.chanuka.database.autoconfigure;

import java.time.Duration;

import io.github.chanuka.database.metrics.AlertMetrics;
import io.github.chanuka.database.metrics.BackupMetrics;
import io.github.chanuka.database.metrics.NodeMetrics;
import io.github.chanuka.database.metrics.ObservedQueryStatistics;
import io.github.chanuka.database.metrics.OperationMetrics;
import io.github.chanuka.database.metrics.OperationObservations;
import io.github.chanuka.database.metrics.QueryMetrics;
import io.github.chanuka.database.metrics.QueryStatistics;
import io.github.chanuka.database.metrics.RoutingMetrics;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.ops.backup.BackupListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the database layer's Micrometer meters: routing counters, node
 * gauges, operation timers and retries, alert and scheduled backup counters and the
 * replica pools' HikariCP
 * metrics, bound when the application's meter registry is ready; and statement timing
 * of every node, or, when datasource-micrometer is present, that library's observations
 * on every node's pool instead.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@AutoConfiguration(after = ChanukaDataSourceAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(DatabaseTopology.class)
public final class ChanukaMetricsAutoConfiguration {

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

	@Bean
	@ConditionalOnMissingBean
	AlertMetrics chanukaAlertMetrics() {
		return new AlertMetrics();
	}

	@Bean
	@ConditionalOnMissingBean
	OperationMetrics chanukaOperationMetrics() {
		return new OperationMetrics();
	}

	@Bean
	@ConditionalOnMissingBean
	BackupMetrics chanukaBackupMetrics() {
		return new BackupMetrics();
	}

	// metrics must not know the operations, so the schedule is told through this adapter
	@Bean
	@ConditionalOnMissingBean(name = "chanukaBackupMetricsListener")
	BackupListener chanukaBackupMetricsListener(BackupMetrics backupMetrics) {
		return (outcome) -> backupMetrics.backupFinished(outcome.tagValue());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationRegistry.class)
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OperationObservations chanukaOperationObservations(ObjectProvider<ObservationRegistry> registry) {
			return new OperationObservations(registry.getIfAvailable(() -> ObservationRegistry.NOOP));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = DataSourceObservationEnvironmentPostProcessor.AUTO_CONFIGURATION)
	static class DataSourceObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DataSourceObservationNodeDecorator chanukaDataSourceObservationNodeDecorator(BeanFactory beanFactory) {
			return new DataSourceObservationNodeDecorator(beanFactory);
		}

		@Bean
		@ConditionalOnMissingBean(QueryStatistics.class)
		ObservedQueryStatistics chanukaObservedQueryStatistics(ObjectProvider<MeterRegistry> registry) {
			return new ObservedQueryStatistics(registry::getIfAvailable);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("net.ttddyy.observation.boot.autoconfigure.DataSourceObservationAutoConfiguration")
	@ConditionalOnBooleanProperty(name = "chanuka.database.monitoring.enabled", matchIfMissing = true)
	static class QueryMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		QueryMetrics chanukaQueryMetrics(ChanukaDatabaseProperties properties) {
			Duration threshold = properties.getMonitoring().getSlowQueryThreshold();
			return new QueryMetrics(OperationalSettingsValidator.slowQueryThreshold(threshold));
		}

	}

}
