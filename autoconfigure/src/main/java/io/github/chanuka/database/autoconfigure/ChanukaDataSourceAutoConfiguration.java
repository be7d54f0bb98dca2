package io.github.chanuka.database.autoconfigure;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.chanuka.database.node.CommitLedger;
import io.github.chanuka.database.node.CommitListener;
import io.github.chanuka.database.node.CommitTrackingDecorator;
import io.github.chanuka.database.node.ConnectionGuard;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.node.NodeDataSourceDecorator;
import io.github.chanuka.database.node.NodeMonitor;
import io.github.chanuka.database.node.NodeProbe;
import io.github.chanuka.database.node.NodeRole;
import io.github.chanuka.database.node.NodeStateListener;
import io.github.chanuka.database.node.PassiveFailureDetection;
import io.github.chanuka.database.node.PoolDrain;
import io.github.chanuka.database.node.ReplicaEligibility;
import io.github.chanuka.database.pool.DatabaseSettings;
import io.github.chanuka.database.pool.NodePoolFactory;
import io.github.chanuka.database.pool.ReplicaSettings;
import io.github.chanuka.database.pool.UnreachableNodeReportingDataSource;
import io.github.chanuka.database.routing.LeastConnectionsLoadBalancer;
import io.github.chanuka.database.routing.LoadBalancer;
import io.github.chanuka.database.routing.PrimaryPosition;
import io.github.chanuka.database.routing.PrimaryRoute;
import io.github.chanuka.database.routing.ReadOnlyPrimaryRoute;
import io.github.chanuka.database.routing.RandomLoadBalancer;
import io.github.chanuka.database.routing.ReadYourWritesTaskDecorator;
import io.github.chanuka.database.routing.ReplicaRouter;
import io.github.chanuka.database.routing.RoundRobinLoadBalancer;
import io.github.chanuka.database.routing.RoutingContext;
import io.github.chanuka.database.routing.RoutingDataSource;
import io.github.chanuka.database.routing.RoutingObserver;
import io.github.chanuka.database.routing.UsePrimary;
import io.github.chanuka.database.routing.UsePrimaryInterceptor;
import io.github.chanuka.database.routing.WeightedLoadBalancer;
import io.github.chanuka.database.routing.WritePositionRecorder;
import org.aopalliance.intercept.MethodInterceptor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of the application's {@link DataSource}: Spring's
 * {@link LazyConnectionDataSourceProxy} (a {@link RoutingDataSource}) over the HikariCP
 * pool {@code chanuka-primary},
 * with a {@link ReplicaRouter} over the replica pools for read-only transactions, a
 * {@link NodeMonitor} probing every node, the read-your-writes and {@link UsePrimary}
 * hints, and the {@link PoolDrain} that closes the pools on shutdown. Backs off when
 * the application defines its own {@link DataSource}. Health, metrics, resilience,
 * alerts, the web filter and operations are auto-configurations of their own, ordered
 * after this one.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass({ HikariDataSource.class, DataSourceAutoConfiguration.class, org.postgresql.Driver.class })
@ConditionalOnBooleanProperty(name = "chanuka.database.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(DataSource.class)
@EnableConfigurationProperties(ChanukaDatabaseProperties.class)
public final class ChanukaDataSourceAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ChanukaDataSourceAutoConfiguration.class);

	// no back-off: the checks guard every start and are not an extension point
	@Bean
	static DatabaseConfigurationValidator chanukaDatabaseConfigurationValidator(Environment environment,
			ObjectProvider<ChanukaDatabaseConnectionDetails> clusterConnection,
			ObjectProvider<JdbcConnectionDetails> jdbcConnection) {
		return new DatabaseConfigurationValidator(environment, clusterConnection, jdbcConnection);
	}

	@Bean
	@ConditionalOnMissingBean
	DatabaseSettings chanukaDatabaseSettings(ChanukaDatabaseProperties properties, Environment environment,
			ObjectProvider<ChanukaDatabaseConnectionDetails> clusterConnection,
			ObjectProvider<JdbcConnectionDetails> jdbcConnection, ResourceLoader resourceLoader) {
		DatabaseSettings settings = DatabaseSettingsResolver.resolve(properties, environment,
				ServiceConnection.find(clusterConnection, jdbcConnection));
		OptionalIntegrations.logMissing(logger, resourceLoader.getClassLoader());
		return settings;
	}

	@Bean
	@ConditionalOnMissingBean
	NodePoolFactory chanukaNodePoolFactory() {
		return new NodePoolFactory(PoolSettingsResolver.PREFIX);
	}

	@Bean
	@ConditionalOnMissingBean
	PassiveFailureDetection chanukaPassiveFailureDetection(ObjectProvider<NodeMonitor> monitor) {
		return new PassiveFailureDetection(SingletonSupplier.of(monitor::getIfAvailable));
	}

	/**
	 * The one hook on the primary's connections that sees every commit. Decorates only
	 * when something listens: the retries' ledger (with Resilience4j), user
	 * {@link CommitListener} beans, and causal read-your-writes when replicas are
	 * configured. Without listeners the primary's connections are not wrapped.
	 */
	@Bean
	@ConditionalOnMissingBean
	CommitTrackingDecorator chanukaCommitTrackingDecorator(DatabaseSettings settings, RoutingContext routingContext,
			ObjectProvider<CommitListener> listeners) {
		List<CommitListener> all = new ArrayList<>(listeners.orderedStream().toList());
		if (routingContext.isReadYourWrites() && !settings.replicas().isEmpty()) {
			all.add(new WritePositionRecorder(routingContext));
		}
		return new CommitTrackingDecorator(all);
	}

	@Bean
	@ConditionalOnMissingBean
	PrimaryPosition chanukaPrimaryPosition(ObjectProvider<ConnectionGuard> guards) {
		return new PrimaryPosition(guards.getIfAvailable(() -> ConnectionGuard.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	DatabaseTopology chanukaDatabaseTopology(DatabaseSettings settings, NodePoolFactory poolFactory,
			ObjectProvider<NodeDataSourceDecorator> decorators, PassiveFailureDetection failures,
			ChanukaDatabaseProperties properties) {
		List<NodeDataSourceDecorator> decorations = decorators.orderedStream().toList();
		List<DatabaseNode> replicas = new ArrayList<>();
		try {
			for (ReplicaSettings replica : settings.replicas()) {
				HikariDataSource pool = poolFactory.create(replica.name(), replica.connection(), replica.pool(),
						settings.tls(), failures.hookFor(replica.name()));
				boundAcquisition(pool, properties.getRouting());
				DatabaseNode node = new DatabaseNode(replica.name(), NodeRole.REPLICA, replica.weight(), pool,
						decorate(replica.name(), NodeRole.REPLICA, pool, decorations));
				failures.watch(node);
				replicas.add(node);
			}
			HikariDataSource primary = poolFactory.create("primary", settings.primary(), settings.pool(),
					settings.tls(), failures.hookFor("primary"));
			HikariDataSource readOnly = null;
			if (properties.getReadOnlyTransactions() == ChanukaDatabaseProperties.ReadOnlyTransactions.STATEMENT) {
				readOnly = poolFactory.create("primary-read-only", settings.primary(), settings.pool().onDemand(),
						settings.tls(), failures.hookFor("primary"));
				refuseWrites(readOnly);
			}
			DatabaseNode primaryNode = new DatabaseNode("primary", NodeRole.PRIMARY, 1, primary,
					reportingUnreachable(primary, settings, decorations), readOnly,
					(readOnly != null) ? reportingUnreachable(readOnly, settings, decorations) : null);
			failures.watch(primaryNode);
			return new DatabaseTopology(primaryNode, replicas);
		}
		catch (RuntimeException ex) {
			replicas.forEach(DatabaseNode::close);
			throw ex;
		}
	}

	// decorators see the pool itself (some read its name); the unreachable report wraps them all
	private static DataSource reportingUnreachable(HikariDataSource pool, DatabaseSettings settings,
			List<NodeDataSourceDecorator> decorations) {
		return new UnreachableNodeReportingDataSource(decorate("primary", NodeRole.PRIMARY, pool, decorations),
				"primary", settings.primary().maskedUrl());
	}

	/**
	 * Make every connection of the pool refuse writes, in autocommit too: a read-only
	 * transaction that runs per statement on the primary has no {@code BEGIN READ ONLY}
	 * to refuse them.
	 */
	private static void refuseWrites(HikariDataSource pool) {
		pool.setReadOnly(true);
		pool.setConnectionInitSql("SET default_transaction_read_only = on");
	}

	/**
	 * While another node can serve the read, no caller waits out a replica's whole
	 * connection timeout: a dead replica's pool keeps failing to connect until then. The
	 * check HikariCP runs on an idle connection before lending it is bounded too, or a
	 * silent replica would hold the caller for the whole validation timeout (5 s): to one
	 * second, the shortest check pgjdbc makes, since HikariCP also uses the validation
	 * timeout as the socket timeout while it sets up each new connection.
	 */
	private static void boundAcquisition(HikariDataSource pool, ChanukaDatabaseProperties.Routing routing) {
		long bound = routing.getReplicaAcquisitionTimeout().toMillis();
		long configured = pool.getConnectionTimeout();
		if (routing.isFallbackToPrimary() && (configured == 0 || configured > bound)) {
			pool.setConnectionTimeout(bound);
			pool.setValidationTimeout(Math.min(pool.getValidationTimeout(), Math.max(1000, bound)));
		}
	}

	private static DataSource decorate(String node, NodeRole role, DataSource pool,
			List<NodeDataSourceDecorator> decorators) {
		DataSource decorated = pool;
		for (NodeDataSourceDecorator decorator : decorators) {
			decorated = decorator.decorate(node, role, decorated);
		}
		return decorated;
	}

	@Bean
	@ConditionalOnMissingBean
	RoutingContext chanukaRoutingContext(ChanukaDatabaseProperties properties, DatabaseSettings settings) {
		return new RoutingContext(
				properties.getRouting().getReadYourWrites() == ChanukaDatabaseProperties.ReadYourWrites.CAUSAL
						&& !settings.replicas().isEmpty());
	}

	/**
	 * Carries the routing context to tasks on the executors Spring Boot builds (every
	 * {@code TaskDecorator} bean is applied, composed with the application's own), so
	 * that an asynchronous request's writes reach its response and a pooled thread keeps
	 * nothing of the request it worked for.
	 */
	@Bean
	@ConditionalOnMissingBean
	ReadYourWritesTaskDecorator chanukaReadYourWritesTaskDecorator(RoutingContext routingContext) {
		return new ReadYourWritesTaskDecorator(routingContext);
	}

	@Bean
	@ConditionalOnMissingBean
	LoadBalancer chanukaLoadBalancer(ChanukaDatabaseProperties properties) {
		return switch (properties.getRouting().getLoadBalancer()) {
			case ROUND_ROBIN -> new RoundRobinLoadBalancer();
			case RANDOM -> new RandomLoadBalancer();
			case WEIGHTED -> new WeightedLoadBalancer();
			case LEAST_CONNECTIONS -> new LeastConnectionsLoadBalancer();
		};
	}

	@Bean
	@ConditionalOnMissingBean
	ReplicaEligibility chanukaReplicaEligibility(ChanukaDatabaseProperties properties,
			ObjectProvider<ConnectionGuard> guards) {
		SingletonSupplier<ConnectionGuard> guard = SingletonSupplier
			.of(() -> guards.getIfAvailable(() -> ConnectionGuard.NONE));
		return new ReplicaEligibility(properties.getRouting().getMaxReplicationLag(),
				(replica) -> guard.obtain().permits(replica));
	}

	@Bean
	LazyConnectionDataSourceProxy dataSource(DatabaseTopology topology, LoadBalancer loadBalancer,
			RoutingContext routingContext, ReplicaEligibility eligibility, ChanukaDatabaseProperties properties,
			ObjectProvider<RoutingObserver> observers, ObjectProvider<ConnectionGuard> guards,
			PrimaryPosition primaryPosition, PassiveFailureDetection failures, ObjectProvider<CommitLedger> ledger) {
		RoutingObserver observer = observers.getIfAvailable(() -> RoutingObserver.NONE);
		ConnectionGuard guard = guards.getIfAvailable(() -> ConnectionGuard.NONE);
		boolean perStatement = properties
			.getReadOnlyTransactions() == ChanukaDatabaseProperties.ReadOnlyTransactions.STATEMENT;
		DataSource readOnlyRoute;
		if (!topology.replicas().isEmpty()) {
			readOnlyRoute = new ReplicaRouter(topology, loadBalancer, routingContext, observer, eligibility,
					properties.getRouting().isFallbackToPrimary(), guard, primaryPosition, failures);
		}
		else {
			readOnlyRoute = perStatement ? new ReadOnlyPrimaryRoute(topology.primary(), observer, guard) : null;
		}
		RoutingDataSource dataSource = new RoutingDataSource(new PrimaryRoute(topology.primary(), observer, guard),
				readOnlyRoute, true, Connection.TRANSACTION_READ_COMMITTED);
		dataSource.setCommitLedger(ledger.getIfAvailable());
		dataSource.setReadOnlyTransactionsPerStatement(perStatement);
		return dataSource;
	}

	@Bean
	@ConditionalOnMissingBean
	NodeMonitor chanukaNodeMonitor(DatabaseTopology topology, ReplicaEligibility eligibility,
			ChanukaDatabaseProperties properties, ObjectProvider<NodeStateListener> listeners) {
		return new NodeMonitor(topology, new NodeProbe(properties.getHealth().getTimeout()),
				properties.getHealth().getCheckInterval(), eligibility, listeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	PoolDrain chanukaPoolDrain(DatabaseTopology topology, ReplicaEligibility eligibility,
			ChanukaDatabaseProperties properties) {
		return new PoolDrain(topology, eligibility,
				OperationalSettingsValidator.drainTimeout(properties.getShutdown().getDrainTimeout()));
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor chanukaUsePrimaryAdvisor(ObjectProvider<RoutingContext> routingContext) {
		ComposablePointcut pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(UsePrimary.class, true))
			.union(new AnnotationMatchingPointcut(null, UsePrimary.class, true));
		SingletonSupplier<UsePrimaryInterceptor> interceptor = SingletonSupplier
			.of(() -> new UsePrimaryInterceptor(routingContext.getObject()));
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(pointcut,
				(MethodInterceptor) (invocation) -> interceptor.obtain().invoke(invocation));
		advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return advisor;
	}

}
