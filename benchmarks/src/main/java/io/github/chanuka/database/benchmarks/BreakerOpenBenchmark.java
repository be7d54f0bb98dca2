package io.github.chanuka.database.benchmarks;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.chanuka.database.resilience.DatabaseUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * The fail-fast path: the full starter with the primary's breaker forced open.
 * {@code getConnection} takes a connection from the primary's route (what the
 * transaction's first statement does); {@code writeOperation} is the whole
 * {@code @DatabaseOperation} write the application calls, failing with
 * {@link DatabaseUnavailableException} (not retried).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
public class BreakerOpenBenchmark {

	private ConfigurableApplicationContext context;

	private DataSource primaryRoute;

	private BenchRepository repository;

	@Setup(Level.Trial)
	public void open() {
		BenchTarget target = BenchTarget.fromSystemProperties();
		Map<String, Object> properties = Variant.STARTER.properties(target, false);
		properties.put("chanuka.database.resilience.circuit-breaker.wait-duration-in-open-state", "1h");
		this.context = BenchApplication.start(properties);
		this.primaryRoute = ((LazyConnectionDataSourceProxy) this.context.getBean("dataSource"))
			.getTargetDataSource();
		this.repository = this.context.getBean(BenchRepository.class);
		this.context.getBean(CircuitBreakerRegistry.class)
			.circuitBreaker("chanuka-database-primary")
			// forced: the node monitor moves a merely open breaker of a reachable node to
			// half-open at its next probe, and then connections are handed out again
			.transitionToForcedOpenState();
	}

	@TearDown(Level.Trial)
	public void close() {
		this.context.close();
	}

	@Benchmark
	public Object getConnection() {
		try {
			return this.primaryRoute.getConnection();
		}
		catch (DatabaseUnavailableException ex) {
			return ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Expected the open breaker to refuse the connection", ex);
		}
	}

	@Benchmark
	public Object writeOperation() {
		try {
			return this.repository.insert(ThreadLocalRandom.current().nextLong(1, BenchSchema.ITEMS + 1), "x");
		}
		catch (DatabaseUnavailableException ex) {
			return ex;
		}
	}

}
