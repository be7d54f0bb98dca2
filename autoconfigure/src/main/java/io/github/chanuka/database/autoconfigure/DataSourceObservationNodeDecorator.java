package io.github.chanuka.database.autoconfigure;

import javax.sql.DataSource;

import io.github.chanuka.database.node.NodeDataSourceDecorator;
import io.github.chanuka.database.node.NodeRole;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Instruments each node's pool with datasource-micrometer, through the library's own
 * bean post-processor, so that its JDBC observations carry the pool's name
 * ({@code chanuka-primary}, {@code chanuka-replica-1}, ...) and routing is unaffected.
 * Applied first, directly on the HikariCP pool, whose name the library reads.
 *
 * @author Chanuka Database
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class DataSourceObservationNodeDecorator implements NodeDataSourceDecorator {

	static final String POST_PROCESSOR = "dataSourceObservationBeanPostProcessor";

	private final BeanFactory beanFactory;

	DataSourceObservationNodeDecorator(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public DataSource decorate(String node, NodeRole role, DataSource pool) {
		if (!this.beanFactory.containsBean(POST_PROCESSOR)) {
			return pool;
		}
		BeanPostProcessor instrumentation = this.beanFactory.getBean(POST_PROCESSOR, BeanPostProcessor.class);
		Object decorated = instrumentation.postProcessAfterInitialization(pool, "chanuka-" + node);
		return (decorated instanceof DataSource dataSource) ? dataSource : pool;
	}

}
