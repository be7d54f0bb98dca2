package io.github.chanuka.database.autoconfigure;

import java.lang.reflect.Method;
import java.time.Duration;

import javax.sql.DataSource;

import io.github.chanuka.database.node.CommitLedger;
import io.github.chanuka.database.node.DatabaseFailures;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.node.NodeMonitor;
import io.github.chanuka.database.resilience.CircuitBreakerConnectionGuard;
import io.github.chanuka.database.resilience.DatabaseOperation;
import io.github.chanuka.database.resilience.DatabaseOperationInterceptor;
import io.github.chanuka.database.resilience.DatabaseOperations;
import io.github.chanuka.database.resilience.OperationExecutor;
import io.github.chanuka.database.resilience.OperationListener;
import io.github.chanuka.database.resilience.SafeRetries;
import io.github.chanuka.database.routing.ReadOnlyRetryInterceptor;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of resilience on the application's Resilience4j registries: a
 * circuit breaker per node around connection acquisition, and retries with exponential
 * backoff for {@link DatabaseOperation} methods and {@link DatabaseOperations}
 * callbacks, and one more run of a {@code @Transactional(readOnly = true)} method whose
 * connection failed. Needs Resilience4j's Spring Boot module; without it, the database
 * layer runs without breakers and retries and says so at startup.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@AutoConfiguration(after = { ChanukaDataSourceAutoConfiguration.class, CircuitBreakerAutoConfiguration.class,
		RetryAutoConfiguration.class, TransactionAutoConfiguration.class })
@ConditionalOnClass({ CircuitBreakerRegistry.class, RetryRegistry.class, CircuitBreakerAutoConfiguration.class })
@ConditionalOnBean(DatabaseTopology.class)
public final class ChanukaResilienceAutoConfiguration {

	/**
	 * Name of the read-only retry, whose instance is {@code chanuka-database-read-only}.
	 */
	static final String READ_ONLY_RETRY = "read-only";

	private static final RetryConfig READ_ONLY_RETRY_DEFAULTS = RetryConfig.custom()
		.maxAttempts(2)
		.waitDuration(Duration.ZERO)
		.build();

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "chanuka.database.resilience.circuit-breaker.enabled", matchIfMissing = true)
	@ConditionalOnBean(CircuitBreakerRegistry.class)
	static class CircuitBreakerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CircuitBreakerConnectionGuard chanukaConnectionGuard(DatabaseTopology topology,
				CircuitBreakerRegistry registry, ChanukaDatabaseProperties properties) {
			return new CircuitBreakerConnectionGuard(topology, registry,
					ResilienceSettingsResolver.circuitBreakerConfig(properties.getResilience().getCircuitBreaker()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(RetryRegistry.class)
	static class RetryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CommitLedger chanukaCommitLedger() {
			return new CommitLedger();
		}

		@Bean
		TransactionManagerCoverage chanukaTransactionManagerCoverage(ListableBeanFactory beanFactory,
				@Qualifier("dataSource") DataSource dataSource) {
			return new TransactionManagerCoverage(beanFactory, dataSource);
		}

		@Bean
		@ConditionalOnMissingBean
		SafeRetries chanukaSafeRetries(RetryRegistry registry, ChanukaDatabaseProperties properties) {
			return new SafeRetries(registry,
					ResilienceSettingsResolver.retryConfig(properties.getResilience().getRetry()));
		}

		@Bean
		@ConditionalOnMissingBean
		OperationExecutor chanukaOperationExecutor(SafeRetries retries, CommitLedger ledger,
				ObjectProvider<OperationListener> listener) {
			return new OperationExecutor(retries, ledger,
					OperationListener.of(listener.orderedStream().toList()));
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnSingleCandidate(PlatformTransactionManager.class)
		DatabaseOperations chanukaDatabaseOperations(OperationExecutor executor,
				PlatformTransactionManager transactionManager) {
			return new DatabaseOperations(executor, transactionManager);
		}

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static Advisor chanukaDatabaseOperationAdvisor(ObjectProvider<OperationExecutor> executor) {
			StaticMethodMatcherPointcut annotated = new StaticMethodMatcherPointcut() {

				@Override
				public boolean matches(Method method, Class<?> targetClass) {
					return AnnotatedElementUtils.hasAnnotation(method, DatabaseOperation.class);
				}

			};
			SingletonSupplier<DatabaseOperationInterceptor> interceptor = SingletonSupplier
				.of(() -> new DatabaseOperationInterceptor(executor.getObject()));
			DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(annotated,
					(MethodInterceptor) (invocation) -> interceptor.obtain().invoke(invocation));
			advisor.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
			return advisor;
		}

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static Advisor chanukaReadOnlyRetryAdvisor(ObjectProvider<SafeRetries> retries,
				ObjectProvider<CommitLedger> ledger, ObjectProvider<NodeMonitor> monitor) {
			// as Spring's own transaction advisor: non-public methods of class-based proxies
			// are transactional too, so they are rerun too
			AnnotationTransactionAttributeSource attributes = new AnnotationTransactionAttributeSource(false);
			StaticMethodMatcherPointcut readOnlyTransactions = new StaticMethodMatcherPointcut() {

				@Override
				public boolean matches(Method method, Class<?> targetClass) {
					TransactionAttribute attribute = attributes.getTransactionAttribute(method, targetClass);
					return attribute != null && attribute.isReadOnly()
							&& !AnnotatedElementUtils.hasAnnotation(method, DatabaseOperation.class);
				}

			};
			SingletonSupplier<ReadOnlyRetryInterceptor> interceptor = SingletonSupplier.of(() -> {
				Retry retry = retries.getObject()
					.obtain(READ_ONLY_RETRY, READ_ONLY_RETRY_DEFAULTS, (failure) -> !CommitLedger.committedBefore(failure)
							&& DatabaseFailures.isConnectionFailure(failure));
				return new ReadOnlyRetryInterceptor(retry, ledger.getObject(), monitor.getObject());
			});
			DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(readOnlyTransactions,
					ReadOnlyRetryInterceptor.lazily(interceptor::obtain));
			advisor.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
			return advisor;
		}

	}

}
