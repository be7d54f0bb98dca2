package io.github.chanuka.database.benchmarks;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.github.chanuka.database.metrics.RoutingMetrics;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.node.NodeRole;
import io.github.chanuka.database.node.NodeState;
import io.github.chanuka.database.node.PassiveFailureDetection;
import io.github.chanuka.database.node.ReplicaEligibility;
import io.github.chanuka.database.resilience.CircuitBreakerConnectionGuard;
import io.github.chanuka.database.routing.LoadBalancer;
import io.github.chanuka.database.routing.PrimaryPosition;
import io.github.chanuka.database.routing.ReplicaRouter;
import io.github.chanuka.database.routing.RoundRobinLoadBalancer;
import io.github.chanuka.database.routing.RoutingContext;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The routing decision alone, without a pool or a server, with 1, 2 and 8 replicas:
 * {@code decision} is {@link ReplicaEligibility#usable} plus {@link LoadBalancer#choose};
 * {@code routerGetConnection} is the whole {@link ReplicaRouter#getConnection()} (the
 * read-your-writes and {@code @UsePrimary} checks, eligibility, the balancer, the
 * replica's circuit breaker and the routing counter) and the close of what it returns,
 * over nodes whose "pool" hands out one constant connection. The nodes' HikariCP pools are never started.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoutingBenchmark {

	private static final Connection CONNECTION = (Connection) Proxy.newProxyInstance(
			RoutingBenchmark.class.getClassLoader(), new Class<?>[] { Connection.class }, (proxy, method, args) -> null);

	@Param({ "1", "2", "8" })
	public int replicas;

	private DatabaseTopology topology;

	private ReplicaEligibility eligibility;

	private LoadBalancer loadBalancer;

	private ReplicaRouter router;

	@Setup(Level.Trial)
	public void build() {
		List<DatabaseNode> replicaNodes = new ArrayList<>();
		for (int i = 1; i <= this.replicas; i++) {
			replicaNodes.add(node("replica-" + i, NodeRole.REPLICA));
		}
		this.topology = new DatabaseTopology(node("primary", NodeRole.PRIMARY), replicaNodes);
		CircuitBreakerConnectionGuard guard = new CircuitBreakerConnectionGuard(this.topology,
				CircuitBreakerRegistry.ofDefaults(), CircuitBreakerConfig.ofDefaults());
		this.eligibility = new ReplicaEligibility(Duration.ofSeconds(10), guard::permits);
		this.loadBalancer = new RoundRobinLoadBalancer();
		RoutingMetrics metrics = new RoutingMetrics(this.topology);
		metrics.bindTo(new SimpleMeterRegistry());
		this.router = new ReplicaRouter(this.topology, this.loadBalancer, new RoutingContext(true), metrics,
				this.eligibility, true, guard, new PrimaryPosition(), new PassiveFailureDetection(() -> null));
	}

	private static DatabaseNode node(String name, NodeRole role) {
		HikariDataSource neverStarted = new HikariDataSource();
		neverStarted.setJdbcUrl("jdbc:postgresql://" + name + ":5432/bench");
		DatabaseNode node = new DatabaseNode(name, role, 1, neverStarted, new AbstractDataSource() {

			@Override
			public Connection getConnection() {
				return CONNECTION;
			}

			@Override
			public Connection getConnection(String username, String password) {
				return CONNECTION;
			}

		});
		node.update(NodeState.up(role == NodeRole.REPLICA, Duration.ZERO, Duration.ofMillis(1)));
		return node;
	}

	@TearDown(Level.Trial)
	public void close() {
		this.topology.close();
	}

	@Benchmark
	public DatabaseNode decision() {
		return this.loadBalancer.choose(this.eligibility.usable(this.topology.replicas()));
	}

	@Benchmark
	public Connection routerGetConnection() throws SQLException {
		Connection connection = this.router.getConnection();
		// a replica's connection stays on its lent list until closed
		connection.close();
		return connection;
	}

}
