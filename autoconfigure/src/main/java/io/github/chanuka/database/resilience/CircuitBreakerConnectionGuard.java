package io.github.chanuka.database.resilience;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.chanuka.database.routing.ConnectionGuard;
import io.github.chanuka.database.routing.DatabaseNode;
import io.github.chanuka.database.routing.DatabaseTopology;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * One Resilience4j {@link CircuitBreaker} per node, named
 * {@code chanuka-database-<node>}, around connection acquisition. Breakers come from the
 * application's registry: an instance configured under
 * {@code resilience4j.circuitbreaker.instances} is used as it is, any other is created
 * with the {@code chanuka.database.resilience.circuit-breaker.*} settings.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class CircuitBreakerConnectionGuard implements ConnectionGuard {

	/**
	 * Prefix of every breaker name.
	 */
	public static final String NAME_PREFIX = "chanuka-database-";

	private final Map<DatabaseNode, CircuitBreaker> breakers;

	private final Map<DatabaseNode, Instant> retryAfter = new ConcurrentHashMap<>();

	/**
	 * Create a guard.
	 * @param topology the nodes to guard
	 * @param registry the application's registry
	 * @param defaults configuration of breakers not configured in the registry
	 */
	public CircuitBreakerConnectionGuard(DatabaseTopology topology, CircuitBreakerRegistry registry,
			CircuitBreakerConfig defaults) {
		Map<DatabaseNode, CircuitBreaker> created = new ConcurrentHashMap<>();
		for (DatabaseNode node : topology.nodes()) {
			String name = NAME_PREFIX + node.name();
			CircuitBreaker breaker = registry.find(name).orElseGet(() -> registry.circuitBreaker(name, defaults));
			breaker.getEventPublisher().onStateTransition((event) -> {
				if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
					this.retryAfter.put(node, Instant.now().plus(waitInOpenState(breaker)));
				}
			});
			created.put(node, breaker);
		}
		this.breakers = Map.copyOf(created);
	}

	@Override
	public Connection connect(DatabaseNode node) throws SQLException {
		CircuitBreaker breaker = this.breakers.get(node);
		if (!breaker.tryAcquirePermission()) {
			throw new DatabaseUnavailableException(node.name(), this.retryAfter.get(node));
		}
		long start = System.nanoTime();
		try {
			Connection connection = node.getConnection();
			breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			return connection;
		}
		catch (SQLException | RuntimeException ex) {
			breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
			throw ex;
		}
	}

	@Override
	public boolean permits(DatabaseNode node) {
		CircuitBreaker.State state = this.breakers.get(node).getState();
		return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
	}

	@Override
	public String state(DatabaseNode node) {
		return this.breakers.get(node).getState().name();
	}

	private static Duration waitInOpenState(CircuitBreaker breaker) {
		Long millis = breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
		return (millis != null) ? Duration.ofMillis(millis) : Duration.ZERO;
	}

	/**
	 * Return the breaker of a node.
	 * @param node the node
	 * @return its breaker
	 */
	public CircuitBreaker breaker(DatabaseNode node) {
		return this.breakers.get(node);
	}

}
