package io.github.chanuka.database.autoconfigure;

import java.util.Map;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Says at startup which transaction managers write safety cannot cover. The ledger of
 * commits sits at the primary's connections, so every manager that takes its connections
 * from the starter's {@code dataSource} (JDBC, JPA, Hibernate, any number of them) is
 * covered; a manager on another data source, or a JTA manager, is not, and its commits
 * are invisible to retries and read-your-writes.
 *
 * @author Chanuka Database
 */
class TransactionManagerCoverage implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(TransactionManagerCoverage.class);

	private final ListableBeanFactory beanFactory;

	private final DataSource dataSource;

	TransactionManagerCoverage(ListableBeanFactory beanFactory, DataSource dataSource) {
		this.beanFactory = beanFactory;
		this.dataSource = dataSource;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<String, PlatformTransactionManager> managers = this.beanFactory
			.getBeansOfType(PlatformTransactionManager.class, false, false);
		managers.forEach((name, manager) -> {
			String problem = problem(manager);
			if (problem != null) {
				logger.warn("Chanuka Database: transaction manager '" + name + "' (" + manager.getClass().getName()
						+ ") " + problem + ", so its commits are not seen by write-safe retries or "
						+ "read-your-writes; give it the application's dataSource bean");
			}
		});
	}

	private @Nullable String problem(PlatformTransactionManager manager) {
		if (manager.getClass().getName().startsWith("org.springframework.transaction.jta.")) {
			return "coordinates XA transactions outside the starter's connections";
		}
		BeanWrapper properties = PropertyAccessorFactory.forBeanPropertyAccess(manager);
		if (!properties.isReadableProperty("dataSource")) {
			return null;
		}
		Object used = properties.getPropertyValue("dataSource");
		if (used instanceof DataSource candidate && !isOurs(candidate)) {
			return "uses another DataSource";
		}
		return null;
	}

	private boolean isOurs(DataSource candidate) {
		for (DataSource current = candidate; current != null;) {
			if (current == this.dataSource) {
				return true;
			}
			current = (current instanceof DelegatingDataSource delegating) ? delegating.getTargetDataSource() : null;
		}
		return false;
	}

}
