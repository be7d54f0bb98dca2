package io.github.chanuka.database.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring-managed variant: calls go through the {@link BenchRepository} bean's proxies.
 */
final class SpringStack implements Variant.Stack {

	private final ConfigurableApplicationContext context;

	private final BenchRepository repository;

	SpringStack(ConfigurableApplicationContext context) {
		this.context = context;
		this.repository = context.getBean(BenchRepository.class);
	}

	@Override
	public String findName(long id) {
		return this.repository.findName(id);
	}

	@Override
	public int insert(long itemId, String note) {
		return this.repository.insert(itemId, note);
	}

	@Override
	public void warmPool() throws SQLException {
		Map<String, HikariDataSource> pools = this.context.getBeansOfType(HikariDataSource.class);
		if (pools.isEmpty()) {
			for (DatabaseNode node : this.context.getBean(DatabaseTopology.class).nodes()) {
				fill(node.dataSource());
			}
		}
		for (HikariDataSource pool : pools.values()) {
			fill(pool);
		}
	}

	void warmPoolQuietly() {
		try {
			warmPool();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not open the pooled connections", ex);
		}
	}

	static void fillQuietly(HikariDataSource pool) {
		try {
			fill(pool);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not open the pooled connections", ex);
		}
	}

	static void fill(HikariDataSource pool) throws SQLException {
		List<Connection> borrowed = new ArrayList<>();
		try {
			for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
				borrowed.add(pool.getConnection());
			}
		}
		finally {
			for (Connection connection : borrowed) {
				connection.close();
			}
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

}
