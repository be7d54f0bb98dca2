package io.github.chanuka.database.autoconfigure;

import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.node.CommitTrackingDecorator;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.node.NodeMonitor;
import io.github.chanuka.database.pool.DatabaseSettings;
import io.github.chanuka.database.routing.LeastConnectionsLoadBalancer;
import io.github.chanuka.database.routing.LoadBalancer;
import io.github.chanuka.database.routing.PrimaryRoute;
import io.github.chanuka.database.routing.RandomLoadBalancer;
import io.github.chanuka.database.routing.RoundRobinLoadBalancer;
import io.github.chanuka.database.routing.RoutingContext;
import io.github.chanuka.database.routing.WeightedLoadBalancer;
import io.github.chanuka.database.routing.WritePositionRecorder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Wiring of {@link ChanukaDataSourceAutoConfiguration}, without a database: the pools
 * of the development and test environments start lazily.
 */
class ChanukaDataSourceAutoConfigurationTests {

	private static final String URL = "jdbc:postgresql://db.example.com:5432/bills";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues("chanuka.database.url=" + URL, "chanuka.database.username=app",
				"chanuka.database.password=s3cret");

	@Test
	void poolsSetReadCommittedRatherThanDetectItOnTheirFirstConnection() {
		// HikariCP's detection on the first connection poisons the pool when that
		// connection is lost meanwhile (brettwooldridge/HikariCP#1944)
		this.runner.withPropertyValues("chanuka.database.replicas[0].url=jdbc:postgresql://replica.example.com/bills")
			.run((context) -> {
				for (DatabaseNode node : context.getBean(DatabaseTopology.class).nodes()) {
					assertThat(node.dataSource().getTransactionIsolation()).as(node.name())
						.isEqualTo("TRANSACTION_READ_COMMITTED");
				}
			});
	}

	@Test
	void withoutReplicasOrRetriesThePrimarysConnectionsAreNotWrappedForCommits() {
		this.runner.run((context) -> {
			assertThat(context.getBean(CommitTrackingDecorator.class).listeners()).isEmpty();
			assertThat(context.getBean(RoutingContext.class).isReadYourWrites()).isFalse();
		});
	}

	@Test
	void withReplicasCommitsRecordTheirWalPositionForCausalReads() {
		this.runner.withPropertyValues("chanuka.database.replicas[0].url=jdbc:postgresql://replica.example.com/bills")
			.run((context) -> {
				assertThat(context.getBean(CommitTrackingDecorator.class).listeners())
					.hasExactlyElementsOfTypes(WritePositionRecorder.class);
				assertThat(context.getBean(RoutingContext.class).isReadYourWrites()).isTrue();
			});
	}

	@Test
	void readOnlyTransactionsPerStatementGiveThePrimaryASecondPoolThatRefusesWrites() {
		this.runner.withPropertyValues("chanuka.database.read-only-transactions=statement").run((context) -> {
			DatabaseNode primary = context.getBean(DatabaseTopology.class).primary();
			HikariDataSource readOnly = primary.readOnlyDataSource();
			assertThat(readOnly).isNotNull();
			assertThat(readOnly.getPoolName()).isEqualTo("chanuka-primary-read-only");
			assertThat(readOnly.isReadOnly()).isTrue();
			assertThat(readOnly.getConnectionInitSql()).isEqualTo("SET default_transaction_read_only = on");
			assertThat(readOnly.getMinimumIdle()).isZero();
			assertThat(readOnly.getMaximumPoolSize()).isEqualTo(primary.dataSource().getMaximumPoolSize());
			assertThat(readOnly.getJdbcUrl()).isEqualTo(URL);
		});
		this.runner.run((context) -> assertThat(context.getBean(DatabaseTopology.class).primary().readOnlyDataSource())
			.as("by default")
			.isNull());
	}

	@Test
	void anUnknownReadOnlyTransactionsModeFailsNamingTheKeyAndTheValidValues() {
		this.runner.withPropertyValues("chanuka.database.read-only-transactions=autocommit")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'chanuka.database.read-only-transactions'")
				.hasStackTraceContaining("autocommit"));
	}

	@Test
	void readYourWritesOffRecordsNoPositions() {
		this.runner
			.withPropertyValues("chanuka.database.replicas[0].url=jdbc:postgresql://replica.example.com/bills",
					"chanuka.database.routing.read-your-writes=off")
			.run((context) -> assertThat(context.getBean(CommitTrackingDecorator.class).listeners()).isEmpty());
	}

	@Test
	void replicaPoolsWaitAtMostTheAcquisitionBoundWhileFallbackIsOn() {
		this.runner.withPropertyValues("chanuka.database.replicas[0].url=jdbc:postgresql://replica.example.com/bills")
			.run((context) -> assertThat(
					context.getBean(DatabaseTopology.class).replicas().get(0).dataSource().getConnectionTimeout())
				.isEqualTo(250));
		this.runner
			.withPropertyValues("chanuka.database.replicas[0].url=jdbc:postgresql://replica.example.com/bills",
					"chanuka.database.routing.fallback-to-primary=false")
			.run((context) -> assertThat(
					context.getBean(DatabaseTopology.class).replicas().get(0).dataSource().getConnectionTimeout())
				.isEqualTo(5_000));
	}

	@Test
	void developmentProfileAppliesWhenNoProfileIsActiveWithAtLeastPreferForARemoteHost() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(DataSource.class);
			HikariDataSource pool = primaryPool(context);
			assertThat(pool.getPoolName()).isEqualTo("chanuka-primary");
			assertThat(pool.getJdbcUrl()).isEqualTo(URL);
			assertThat(pool.getUsername()).isEqualTo("app");
			assertThat(pool.getPassword()).isEqualTo("s3cret");
			assertThat(pool.getMinimumIdle()).isEqualTo(2);
			assertThat(pool.getMaximumPoolSize()).isEqualTo(10);
			assertThat(pool.getConnectionTimeout()).isEqualTo(5_000);
			assertThat(pool.getKeepaliveTime()).isEqualTo(120_000);
			assertThat(pool.getDataSourceProperties()).containsEntry("sslmode", "prefer");
			assertThat(pool.isRunning()).as("lazy pool started").isFalse();
			assertThat(context.getBean(DatabaseSettings.class).environment())
				.isEqualTo(DatabaseEnvironment.DEVELOPMENT);
		});
	}

	@Test
	void testProfileIsSmallerAndHasNoKeepalive() {
		this.runner.withPropertyValues("spring.profiles.active=test").run((context) -> {
			HikariDataSource pool = primaryPool(context);
			assertThat(pool.getMinimumIdle()).isEqualTo(1);
			assertThat(pool.getMaximumPoolSize()).isEqualTo(5);
			assertThat(pool.getKeepaliveTime()).isZero();
			assertThat(pool.isRunning()).isFalse();
			assertThat(context.getBean(DatabaseSettings.class).environmentOrigin()).isEqualTo("active profile 'test'");
		});
	}

	@Test
	void poolOverridesReplaceProfileValues() {
		this.runner
			.withPropertyValues("chanuka.database.pool.minimum-idle=4", "chanuka.database.pool.maximum-size=8",
					"chanuka.database.pool.connection-timeout=3s", "chanuka.database.pool.idle-timeout=1m",
					"chanuka.database.pool.max-lifetime=20m", "chanuka.database.pool.keepalive-time=0",
					"chanuka.database.pool.validation-timeout=2s",
					"chanuka.database.pool.leak-detection-threshold=30s", "chanuka.database.ssl.mode=prefer")
			.run((context) -> {
				HikariDataSource pool = primaryPool(context);
				assertThat(pool.getMinimumIdle()).isEqualTo(4);
				assertThat(pool.getMaximumPoolSize()).isEqualTo(8);
				assertThat(pool.getConnectionTimeout()).isEqualTo(3_000);
				assertThat(pool.getIdleTimeout()).isEqualTo(60_000);
				assertThat(pool.getMaxLifetime()).isEqualTo(1_200_000);
				assertThat(pool.getKeepaliveTime()).isZero();
				assertThat(pool.getValidationTimeout()).isEqualTo(2_000);
				assertThat(pool.getLeakDetectionThreshold()).isEqualTo(30_000);
				assertThat(pool.getDataSourceProperties()).containsEntry("sslmode", "prefer");
			});
	}

	@Test
	void rootCertificateIsPassedToTheDriver() {
		this.runner
			.withPropertyValues("chanuka.database.ssl.mode=verify-full",
					"chanuka.database.ssl.root-cert=src/test/resources/test-root.crt")
			.run((context) -> assertThat(primaryPool(context).getDataSourceProperties())
				.containsEntry("sslmode", "verify-full")
				.containsEntry("sslrootcert", "src/test/resources/test-root.crt"));
	}

	@Test
	void explicitEnvironmentWinsOverProfiles() {
		this.runner.withPropertyValues("spring.profiles.active=dev", "chanuka.database.environment=test")
			.run((context) -> assertThat(primaryPool(context).getMaximumPoolSize()).isEqualTo(5));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnDataSource() {
		this.runner.withBean("myDataSource", DataSource.class, SimpleDriverDataSource::new).run((context) -> {
			assertThat(context).hasSingleBean(DataSource.class);
			assertThat(context).doesNotHaveBean(DatabaseTopology.class);
			assertThat(context).doesNotHaveBean(DatabaseSettings.class);
		});
	}

	@Test
	void switchedOffLeavesSpringBootsDataSource() {
		this.runner.withPropertyValues("chanuka.database.enabled=false", "spring.datasource.url=" + URL)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(DatabaseSettings.class);
				assertThat(context.getBean(HikariDataSource.class).getPoolName()).isNotEqualTo("chanuka-primary");
			});
	}

	@Test
	void backsOffWithoutHikari() {
		this.runner.withClassLoader(new FilteredClassLoader(HikariDataSource.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DatabaseSettings.class));
	}

	@Test
	void springDatasourcePropertiesAreTheFirstFallback() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + URL, "spring.datasource.username=boot",
					"spring.datasource.password=pw", "DATABASE_URL=postgres://other:pw@elsewhere/db")
			.run((context) -> {
				HikariDataSource pool = primaryPool(context);
				assertThat(pool.getJdbcUrl()).isEqualTo(URL);
				assertThat(pool.getUsername()).isEqualTo("boot");
				assertThat(context.getBean(DatabaseSettings.class).primary().source())
					.isEqualTo("spring.datasource.url");
			});
	}

	@Test
	void chanukaCredentialsOverrideTheFallbackSource() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + URL, "spring.datasource.username=boot",
					"chanuka.database.username=override")
			.run((context) -> assertThat(primaryPool(context).getUsername())
				.isEqualTo("override"));
	}

	@Test
	void databaseUrlIsTheSecondFallback() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class))
			.withPropertyValues("DATABASE_URL=postgresql://heroku:p%40ss@db.example.com:6432/bills?sslmode=require",
					"DB_HOST=ignored")
			.run((context) -> {
				HikariDataSource pool = primaryPool(context);
				assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6432/bills?sslmode=require");
				assertThat(pool.getUsername()).isEqualTo("heroku");
				assertThat(pool.getPassword()).isEqualTo("p@ss");
				assertThat(pool.getDataSourceProperties()).containsEntry("sslmode", "require");
			});
	}

	@Test
	void dbVariablesAreTheLastFallback() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class))
			.withPropertyValues("DB_HOST=db.example.com", "DB_NAME=bills", "DB_USER=app", "DB_PASSWORD=pw")
			.run((context) -> {
				HikariDataSource pool = primaryPool(context);
				assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/bills");
				assertThat(pool.getUsername()).isEqualTo("app");
				assertThat(pool.getPassword()).isEqualTo("pw");
			});
	}

	@Test
	void serviceConnectionDetailsWinOverPropertiesAsInSpringBoot() {
		JdbcConnectionDetails details = new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return "svc";
			}

			@Override
			public String getPassword() {
				return "svc-pw";
			}

			@Override
			public String getJdbcUrl() {
				return "jdbc:postgresql://container:5432/test";
			}

		};
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class))
			.withBean(JdbcConnectionDetails.class, () -> details)
			.withPropertyValues("spring.datasource.url=" + URL, "chanuka.database.url=" + URL,
					"chanuka.database.username=from-yaml", "chanuka.database.password=from-yaml-pw")
			.run((context) -> {
				assertThat(primaryPool(context).getJdbcUrl())
					.isEqualTo("jdbc:postgresql://container:5432/test");
				assertThat(primaryPool(context).getUsername()).isEqualTo("svc");
				assertThat(primaryPool(context).getPassword()).isEqualTo("svc-pw");
			});
	}

	@Test
	void contextPausedByTheTestContextCacheKeepsItsPoolsOpenAndProbesAgainWhenRestarted() {
		this.runner.withPropertyValues("chanuka.database.url=jdbc:postgresql://localhost:1/bills").run((context) -> {
			context.getSourceApplicationContext().pause();
			context.getSourceApplicationContext().restart();
			assertThat(primaryPool(context).isClosed()).isFalse();
			NodeMonitor monitor = context.getBean(NodeMonitor.class);
			assertThat(monitor.isRunning()).isTrue();
			Instant restarted = Instant.now();
			monitor.checkNow();
			assertThat(context.getBean(DatabaseTopology.class).primary().state().checkedAt())
				.as("probed after the restart")
				.isAfterOrEqualTo(restarted);
		});
	}

	@Test
	void clusterConnectionDetailsWinOverPropertiesAndJdbcConnectionDetailsWhilePoolPropertiesStillApply() {
		ChanukaDatabaseConnectionDetails details = new ChanukaDatabaseConnectionDetails() {

			@Override
			public String getJdbcUrl() {
				return "jdbc:postgresql://cluster:5432/test";
			}

			@Override
			public String getUsername() {
				return "svc";
			}

			@Override
			public String getPassword() {
				return "svc-pw";
			}

			@Override
			public List<Replica> getReplicas() {
				return List.of(new Replica("standby-a", "jdbc:postgresql://standby-a:5432/test", null, null),
						new Replica("standby-b", "jdbc:postgresql://standby-b:5432/test", "reader", "reader-pw"));
			}

		};
		JdbcConnectionDetails jdbc = mock(JdbcConnectionDetails.class);
		given(jdbc.getJdbcUrl()).willReturn("jdbc:postgresql://container:5432/test");
		this.runner.withBean(ChanukaDatabaseConnectionDetails.class, () -> details)
			.withBean(JdbcConnectionDetails.class, () -> jdbc)
			.withPropertyValues("chanuka.database.pool.maximum-size=7",
					"chanuka.database.replicas[0].url=jdbc:postgresql://r1:5432/bills",
					"chanuka.database.replicas[1].name=standby-b", "chanuka.database.replicas[1].weight=3",
					"chanuka.database.replicas[1].url=jdbc:postgresql://r2:5432/bills",
					"chanuka.database.replicas[1].pool.maximum-size=4")
			.run((context) -> {
				assertThat(primaryPool(context).getJdbcUrl()).isEqualTo("jdbc:postgresql://cluster:5432/test");
				assertThat(primaryPool(context).getUsername()).isEqualTo("svc");
				assertThat(primaryPool(context).getPassword()).isEqualTo("svc-pw");
				assertThat(primaryPool(context).getMaximumPoolSize()).isEqualTo(7);
				DatabaseTopology topology = context.getBean(DatabaseTopology.class);
				assertThat(topology.replicas()).extracting(DatabaseNode::name)
					.containsExactly("standby-a", "standby-b");
				HikariDataSource first = topology.replicas().get(0).dataSource();
				assertThat(first.getJdbcUrl()).isEqualTo("jdbc:postgresql://standby-a:5432/test");
				assertThat(first.getUsername()).isEqualTo("svc");
				assertThat(first.getPassword()).isEqualTo("svc-pw");
				assertThat(first.getMaximumPoolSize()).isEqualTo(7);
				HikariDataSource second = topology.replicas().get(1).dataSource();
				assertThat(second.getJdbcUrl()).isEqualTo("jdbc:postgresql://standby-b:5432/test");
				assertThat(second.getUsername()).isEqualTo("reader");
				assertThat(second.getPassword()).isEqualTo("reader-pw");
				assertThat(second.getMaximumPoolSize()).isEqualTo(4);
				assertThat(topology.replicas().get(1).weight()).isEqualTo(3);
			});
	}

	@Test
	void clusterConnectionDetailsNeverShowAReplicaPassword() {
		assertThat(new ChanukaDatabaseConnectionDetails.Replica("r", "jdbc:postgresql://r/db?password=url-pw", "u",
				"replica-pw"))
			.asString()
			.doesNotContain("replica-pw")
			.doesNotContain("url-pw");
	}

	@Test
	void replicasGetNamesCredentialsAndPoolsFromThePrimaryUnlessTheyHaveTheirOwn() {
		this.runner
			.withPropertyValues("chanuka.database.pool.maximum-size=7",
					"chanuka.database.replicas[0].url=jdbc:postgresql://r1:5432/bills",
					"chanuka.database.replicas[1].url=jdbc:postgresql://r2:5432/bills",
					"chanuka.database.replicas[1].name=eu-west", "chanuka.database.replicas[1].username=reader",
					"chanuka.database.replicas[1].password=reader-pw", "chanuka.database.replicas[1].weight=3",
					"chanuka.database.replicas[1].pool.maximum-size=4")
			.run((context) -> {
				assertThat(context).hasSingleBean(DataSource.class);
				DatabaseTopology topology = context.getBean(DatabaseTopology.class);
				assertThat(topology.replicas()).extracting(DatabaseNode::name).containsExactly("replica-1", "eu-west");
				HikariDataSource first = topology.replicas().get(0).dataSource();
				assertThat(first.getPoolName()).isEqualTo("chanuka-replica-1");
				assertThat(first.getUsername()).isEqualTo("app");
				assertThat(first.getPassword()).isEqualTo("s3cret");
				assertThat(first.getMaximumPoolSize()).isEqualTo(7);
				HikariDataSource second = topology.replicas().get(1).dataSource();
				assertThat(second.getUsername()).isEqualTo("reader");
				assertThat(second.getMaximumPoolSize()).isEqualTo(4);
				assertThat(topology.replicas().get(1).weight()).isEqualTo(3);
				assertThat(context.getBean(LoadBalancer.class)).isInstanceOf(RoundRobinLoadBalancer.class);
			});
	}

	@Test
	void loadBalancerFollowsTheProperty() {
		this.runner.withPropertyValues("chanuka.database.routing.load-balancer=least-connections")
			.run((context) -> assertThat(context.getBean(LoadBalancer.class))
				.isInstanceOf(LeastConnectionsLoadBalancer.class));
		this.runner.withPropertyValues("chanuka.database.routing.load-balancer=weighted")
			.run((context) -> assertThat(context.getBean(LoadBalancer.class)).isInstanceOf(WeightedLoadBalancer.class));
		this.runner.withPropertyValues("chanuka.database.routing.load-balancer=random")
			.run((context) -> assertThat(context.getBean(LoadBalancer.class)).isInstanceOf(RandomLoadBalancer.class));
	}

	@Test
	void withoutReplicasReadOnlyWorkStaysOnThePrimary() {
		this.runner.run((context) -> assertThat(context.getBean(LazyConnectionDataSourceProxy.class).getTargetDataSource())
			.isInstanceOf(PrimaryRoute.class));
	}

	@Test
	void healthStatusOrderPlacesDegradedBetweenOutOfServiceAndUp() {
		org.springframework.mock.env.MockEnvironment environment = new org.springframework.mock.env.MockEnvironment();
		new HealthStatusEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty(HealthStatusEnvironmentPostProcessor.ORDER_PROPERTY))
			.isEqualTo("DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN");
		org.springframework.mock.env.MockEnvironment custom = new org.springframework.mock.env.MockEnvironment()
			.withProperty(HealthStatusEnvironmentPostProcessor.ORDER_PROPERTY, "DOWN,UP");
		new HealthStatusEnvironmentPostProcessor().postProcessEnvironment(custom, new SpringApplication());
		assertThat(custom.getProperty(HealthStatusEnvironmentPostProcessor.ORDER_PROPERTY)).isEqualTo("DOWN,UP");
	}

	@Test
	void credentialSanitizingFunctionIsRegisteredWithActuator() {
		this.runner.withConfiguration(AutoConfigurations.of(ChanukaDatabaseEndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(CredentialSanitizingFunction.class));
	}

	@Test
	void healthStatusOrderIsLeftAloneWithoutSpringBootHealth() {
		StandardEnvironment environment = new StandardEnvironment();
		SpringApplication application = new SpringApplication();
		application.setResourceLoader(new DefaultResourceLoader(
				new FilteredClassLoader("org.springframework.boot.health")));
		new HealthStatusEnvironmentPostProcessor().postProcessEnvironment(environment, application);
		assertThat(environment.containsProperty(HealthStatusEnvironmentPostProcessor.ORDER_PROPERTY)).isFalse();
	}

	private static HikariDataSource primaryPool(org.springframework.context.ApplicationContext context) {
		return context.getBean(DatabaseTopology.class).primary().dataSource();
	}

}
