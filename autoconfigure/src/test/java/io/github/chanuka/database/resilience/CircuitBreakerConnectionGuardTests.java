package io.github.chanuka.database.resilience;

import java.time.Duration;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.node.NodeRole;
import io.github.chanuka.database.node.NodeState;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the per-node breakers follow the node monitor's probes.
 */
class CircuitBreakerConnectionGuardTests {

	private final HikariDataSource pool = new HikariDataSource();

	private final DatabaseNode primary = new DatabaseNode("primary", NodeRole.PRIMARY, 1, this.pool);

	private final DatabaseNode replica = new DatabaseNode("replica-1", NodeRole.REPLICA, 1, this.pool);

	private final DatabaseTopology topology = new DatabaseTopology(this.primary, List.of(this.replica));

	private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();

	private final CircuitBreakerConnectionGuard guard = new CircuitBreakerConnectionGuard(this.topology,
			this.registry, CircuitBreakerConfig.custom().waitDurationInOpenState(Duration.ofHours(1)).build());

	@AfterEach
	void close() {
		this.pool.close();
	}

	@Test
	void nodeTheProbeCannotReachHasItsBreakerOpenedWithoutAnyCall() {
		this.primary.update(NodeState.UNKNOWN.down("Connection refused"));
		this.replica.update(NodeState.up(true, Duration.ZERO, Duration.ofMillis(1)));
		this.guard.nodesChecked(this.topology);
		assertThat(this.guard.state(this.primary)).isEqualTo("OPEN");
		assertThat(this.guard.permits(this.primary)).isFalse();
		assertThat(this.guard.state(this.replica)).isEqualTo("CLOSED");
	}

	@Test
	void openBreakerOfANodeTheProbeReachesAgainTurnsHalfOpenBeforeItsWaitEnds() {
		breaker(this.primary).transitionToOpenState();
		this.primary.update(NodeState.up(false, Duration.ZERO, Duration.ofMillis(1)));
		this.guard.nodesChecked(this.topology);
		assertThat(this.guard.state(this.primary)).isEqualTo("HALF_OPEN");
		assertThat(this.guard.permits(this.primary)).isTrue();
	}

	@Test
	void breakersForcedOpenOrDisabledAreLeftAlone() {
		breaker(this.primary).transitionToForcedOpenState();
		breaker(this.replica).transitionToDisabledState();
		this.primary.update(NodeState.up(false, Duration.ZERO, Duration.ofMillis(1)));
		this.replica.update(NodeState.UNKNOWN.down("Connection refused"));
		this.guard.nodesChecked(this.topology);
		assertThat(this.guard.state(this.primary)).isEqualTo("FORCED_OPEN");
		assertThat(this.guard.state(this.replica)).isEqualTo("DISABLED");
	}

	@Test
	void nodeNotProbedYetLeavesItsBreakerClosed() {
		this.guard.nodesChecked(this.topology);
		assertThat(this.guard.state(this.primary)).isEqualTo("CLOSED");
		assertThat(this.guard.state(this.replica)).isEqualTo("CLOSED");
	}

	private CircuitBreaker breaker(DatabaseNode node) {
		return this.guard.breaker(node);
	}

}
