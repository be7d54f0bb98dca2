package io.github.chanuka.database.resilience;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import io.github.chanuka.database.autoconfigure.ChanukaDataSourceAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaMetricsAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaResilienceAutoConfiguration;
import io.github.chanuka.database.node.ConnectionGuard;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Wiring of {@link ChanukaResilienceAutoConfiguration} and the retry rules, without a
 * database.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResilienceAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class,
				ChanukaResilienceAutoConfiguration.class, CircuitBreakerAutoConfiguration.class,
				RetryAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
				TransactionAutoConfiguration.class))
		.withPropertyValues("chanuka.database.url=jdbc:postgresql://db.example.com/bills",
				"chanuka.database.replicas[0].url=jdbc:postgresql://replica.example.com/bills",
				"chanuka.database.resilience.retry.initial-interval=1ms",
				"chanuka.database.resilience.retry.max-interval=5ms");

	@Test
	void everyNodeGetsABreakerFromTheApplicationsRegistryWithTheConfiguredDefaults() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(CircuitBreakerConnectionGuard.class)
				.hasSingleBean(OperationExecutor.class)
				.hasSingleBean(DatabaseOperations.class);
			CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
			CircuitBreaker primary = registry.find("chanuka-database-primary").orElseThrow();
			assertThat(primary.getCircuitBreakerConfig().getFailureRateThreshold()).isEqualTo(50);
			assertThat(primary.getCircuitBreakerConfig().getMinimumNumberOfCalls()).isEqualTo(10);
			assertThat(primary.getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(20);
			assertThat(primary.getCircuitBreakerConfig().getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
			assertThat(primary.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1))
				.isEqualTo(10_000);
			assertThat(registry.find("chanuka-database-replica-1")).isPresent();
		});
	}

	@Test
	void resilience4jInstancePropertiesOverrideTheDefaults() {
		this.runner
			.withPropertyValues("resilience4j.circuitbreaker.instances.chanuka-database-primary.failure-rate-threshold=25")
			.run((context) -> assertThat(context.getBean(CircuitBreakerRegistry.class)
				.circuitBreaker("chanuka-database-primary")
				.getCircuitBreakerConfig()
				.getFailureRateThreshold()).isEqualTo(25));
	}

	@Test
	void circuitBreakersCanBeSwitchedOff() {
		this.runner.withPropertyValues("chanuka.database.resilience.circuit-breaker.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(CircuitBreakerConnectionGuard.class);
				assertThat(context).hasSingleBean(OperationExecutor.class);
			});
	}

	@Test
	void withoutResilience4jTheStarterRunsWithoutBreakersAndSaysSo(CapturedOutput output) {
		this.runner.withClassLoader(new FilteredClassLoader(CircuitBreakerRegistry.class, RetryRegistry.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(ConnectionGuard.class).doesNotHaveBean(OperationExecutor.class);
				context.getBean(javax.sql.DataSource.class);
				assertThat(output).contains("off for want of a library on the class path: "
						+ "circuit breakers, retries and the read-only retry (no resilience4j-spring-boot4)");
			});
	}

	@Test
	void databaseOperationNeedsNoAspectJ() {
		this.runner.withClassLoader(new FilteredClassLoader("org.aspectj"))
			.withBean(FlakyService.class)
			.run((context) -> {
				FlakyService service = context.getBean(FlakyService.class);
				assertThat(service.succeedsOnThirdAttempt()).isEqualTo("done");
				assertThat(service.attempts()).isEqualTo(3);
			});
	}

	@Test
	void transientFailuresAreRetriedAndCountedUntilTheLastAttempt() {
		this.runner.withConfiguration(AutoConfigurations.of(ChanukaMetricsAutoConfiguration.class))
			.withBean(FlakyService.class)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.getBean(io.github.chanuka.database.metrics.OperationMetrics.class).bindTo(registry);
			FlakyService service = context.getBean(FlakyService.class);
			assertThatExceptionOfType(TransientDataAccessResourceException.class)
				.isThrownBy(service::alwaysSerializationFailure);
			assertThat(service.attempts()).isEqualTo(3);
			assertThat(registry.get("chanuka.db.retries").tag("operation", "always-failing").counter().count())
				.isEqualTo(2);
			assertThat(registry.get("chanuka.db.operations").tags("operation", "always-failing", "outcome", "failure")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void everyOperationRunsInsideOneObservationWithItsRetriesAsEvents() {
		List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
		List<String> events = new CopyOnWriteArrayList<>();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onEvent(Observation.Event event, Observation.Context context) {
				events.add(context.getName() + ":" + event.getName());
			}

			@Override
			public void onStop(Observation.Context context) {
				stopped.add(context);
			}

		});
		this.runner.withConfiguration(AutoConfigurations.of(ChanukaMetricsAutoConfiguration.class))
			.withBean(FlakyService.class)
			.withBean(ObservationRegistry.class, () -> observations)
			.run((context) -> {
				assertThat(context.getBean(FlakyService.class).succeedsOnThirdAttempt()).isEqualTo("done");
				assertThat(stopped).singleElement().satisfies((observation) -> {
					assertThat(observation.getName()).isEqualTo("chanuka.db.operation");
					assertThat(observation.getLowCardinalityKeyValue("operation").getValue()).isEqualTo("flaky");
					assertThat(observation.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("success");
				});
				assertThat(events).containsExactly("chanuka.db.operation:chanuka.db.operation.retry",
						"chanuka.db.operation:chanuka.db.operation.retry");
			});
	}

	@Test
	void theOperationObservationCanBeSwitchedOffWithBootsObservationProperty() {
		List<String> stopped = new CopyOnWriteArrayList<>();
		this.runner
			.withConfiguration(AutoConfigurations.of(ChanukaMetricsAutoConfiguration.class,
					org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration.class))
			.withBean(FlakyService.class)
			.withBean(ObservationHandler.class, () -> new ObservationHandler<>() {

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

				@Override
				public void onStop(Observation.Context context) {
					stopped.add(context.getName());
				}

			})
			.withPropertyValues("management.observations.enable.chanuka.db.operation=false")
			.run((context) -> {
				assertThat(context.getBean(FlakyService.class).succeedsOnThirdAttempt()).isEqualTo("done");
				assertThat(stopped).doesNotContain("chanuka.db.operation");
				Observation.createNotStarted("other", context.getBean(ObservationRegistry.class)).start().stop();
				assertThat(stopped).as("other observations still run").contains("other");
			});
	}

	@Test
	void aTransactionManagerOnAnotherDataSourceIsReportedAsNotCovered(CapturedOutput output) {
		this.runner.withBean("otherTransactionManager", PlatformTransactionManager.class,
				() -> new DataSourceTransactionManager(new SimpleDriverDataSource()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("transaction manager 'otherTransactionManager'",
						"uses another DataSource, so its commits are not seen by write-safe retries");
				assertThat(output).doesNotContain("transaction manager 'transactionManager'");
			});
	}

	@Test
	void constraintViolationsAreNotRetried() {
		this.runner.withBean(FlakyService.class).run((context) -> {
			FlakyService service = context.getBean(FlakyService.class);
			assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(service::duplicateKey);
			assertThat(service.attempts()).isOne();
		});
	}

	@Test
	void retriesCanBeSwitchedOff() {
		this.runner.withBean(FlakyService.class)
			.withPropertyValues("chanuka.database.resilience.retry.enabled=false")
			.run((context) -> {
				FlakyService service = context.getBean(FlakyService.class);
				assertThatExceptionOfType(TransientDataAccessResourceException.class)
					.isThrownBy(service::alwaysSerializationFailure);
				assertThat(service.attempts()).isOne();
			});
	}

	@Test
	void databaseOperationsCallbacksAreRetriedToo() {
		this.runner.run((context) -> {
			AtomicInteger attempts = new AtomicInteger();
			String result = context.getBean(DatabaseOperations.class).execute("callback", () -> {
				if (attempts.incrementAndGet() < 2) {
					throw new TransientDataAccessResourceException("deadlock", new SQLException("deadlock", "40P01"));
				}
				return "ok";
			});
			assertThat(result).isEqualTo("ok");
			assertThat(attempts.get()).isEqualTo(2);
		});
	}

	@Test
	void multiplierBelowOneIsRefused() {
		refused("chanuka.database.resilience.retry.multiplier=0.5", "chanuka.database.resilience.retry.multiplier");
	}

	@Test
	void maxAttemptsBelowOneIsRefused() {
		refused("chanuka.database.resilience.retry.max-attempts=0", "chanuka.database.resilience.retry.max-attempts");
	}

	@Test
	void failureRateThresholdOutsideOneToHundredIsRefused() {
		refused("chanuka.database.resilience.circuit-breaker.failure-rate-threshold=0",
				"chanuka.database.resilience.circuit-breaker.failure-rate-threshold");
		refused("chanuka.database.resilience.circuit-breaker.failure-rate-threshold=101",
				"chanuka.database.resilience.circuit-breaker.failure-rate-threshold");
	}

	@Test
	void nonPositiveWaitInOpenStateIsRefused() {
		refused("chanuka.database.resilience.circuit-breaker.wait-duration-in-open-state=0",
				"chanuka.database.resilience.circuit-breaker.wait-duration-in-open-state");
	}

	private void refused(String property, String key) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidDatabaseConfigurationException.class)
				.satisfies((ex) -> assertThat(((InvalidDatabaseConfigurationException) ex).getProperty())
					.isEqualTo(key));
		});
	}

	public static class FlakyService {

		private final AtomicInteger attempts = new AtomicInteger();

		public int attempts() {
			return this.attempts.get();
		}

		@DatabaseOperation("flaky")
		public String succeedsOnThirdAttempt() {
			if (this.attempts.incrementAndGet() < 3) {
				throw new TransientDataAccessResourceException("could not serialize access",
						new SQLException("could not serialize access", "40001"));
			}
			return "done";
		}

		@DatabaseOperation("always-failing")
		public String alwaysSerializationFailure() {
			this.attempts.incrementAndGet();
			throw new TransientDataAccessResourceException("could not serialize access",
					new SQLException("could not serialize access", "40001"));
		}

		@DatabaseOperation("duplicate")
		public String duplicateKey() {
			this.attempts.incrementAndGet();
			throw new DataIntegrityViolationException("duplicate key",
					new SQLException("duplicate key value violates unique constraint", "23505"));
		}

	}

}
