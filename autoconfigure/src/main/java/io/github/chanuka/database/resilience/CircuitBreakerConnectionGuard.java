package io.github.chanuka.database.resilience;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.chanuka.database.node.ConnectionGuard;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.node.NodeState;
import io.github.chanuka.database.node.NodeStateListener;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.IllegalStateTransitionException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * One Resilience4j {@link CircuitBreaker} per node, named
 * {@code chanuka-database-<node>}, around connection acquisition. Breakers come from the
 * application's registry: an instance configured under
 * {@code resilience4j.circuitbreaker.instances} is used as it is, any other is created
 * with the {@code chanuka.database.resilience.circuit-breaker.*} settings.
 * <p>
 * Breakers also follow the node monitor, which probes every node over connections of
 * its own: a node the monitor cannot reach has its breaker opened at once, so callers
 * fail fast instead of each waiting for the pool's connection timeout, and a node it
 * reaches again has its open breaker moved to half-open, so trial calls start at the
 * next probe instead of after the whole open wait. Breakers forced open, disabled or
 * metrics-only are left as they are.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CircuitBreakerConnectionGuard implements ConnectionGuard, NodeStateListener {

	private static final Log logger = LogFactory.getLog(CircuitBreakerConnectionGuard.class);

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
			String name = InstanceNames.of(node.name());
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
		return connect(node, false);
	}

	@Override
	public Connection connectReadOnly(DatabaseNode node) throws SQLException {
		return connect(node, true);
	}

	private Connection connect(DatabaseNode node, boolean readOnly) throws SQLException {
		CircuitBreaker breaker = breaker(node);
		if (!breaker.tryAcquirePermission()) {
			throw new DatabaseUnavailableException(node.name(), this.retryAfter.get(node));
		}
		long start = System.nanoTime();
		try {
			Connection connection = readOnly ? node.getReadOnlyConnection() : node.getConnection();
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
		CircuitBreaker.State state = breaker(node).getState();
		return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
	}

	@Override
	public String state(DatabaseNode node) {
		return breaker(node).getState().name();
	}

	@Override
	public void nodesChecked(DatabaseTopology topology) {
		for (DatabaseNode node : topology.nodes()) {
			CircuitBreaker breaker = this.breakers.get(node);
			if (breaker != null) {
				follow(node, node.state(), breaker);
			}
		}
	}

	private void follow(DatabaseNode node, NodeState state, CircuitBreaker breaker) {
		CircuitBreaker.State current = breaker.getState();
		try {
			if (state.isDown() && (current == CircuitBreaker.State.CLOSED || current == CircuitBreaker.State.HALF_OPEN)) {
				breaker.transitionToOpenState();
				logger.warn("Circuit breaker " + breaker.getName() + " opened: the node monitor cannot reach "
						+ node.name() + " (" + state.error() + "); calls fail fast until a probe reaches it again");
			}
			else if (state.status() == NodeState.Status.UP && current == CircuitBreaker.State.OPEN) {
				breaker.transitionToHalfOpenState();
				logger.info("Circuit breaker " + breaker.getName() + " half-open: the node monitor reaches "
						+ node.name() + " again; trial calls decide whether it closes");
			}
		}
		catch (IllegalStateTransitionException ex) {
			// a call moved the breaker meanwhile; the next probe looks again
		}
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
		CircuitBreaker breaker = this.breakers.get(node);
		if (breaker == null) {
			throw new IllegalStateException(
					"Node '" + node.name() + "' has no circuit breaker: it is not in the topology");
		}
		return breaker;
	}

}
