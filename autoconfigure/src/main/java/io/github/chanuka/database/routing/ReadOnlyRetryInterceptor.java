package io.github.chanuka.database.routing;

import java.util.List;
import java.util.function.Supplier;

import io.github.chanuka.database.node.CommitLedger;
import io.github.chanuka.database.node.NodeMonitor;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.DefaultAdvisorChainFactory;
import org.springframework.aop.framework.ReflectiveMethodInvocation;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a {@code @Transactional(readOnly = true)} method once more, in a new
 * transaction, when a run failed because the connection to its node failed before any
 * of its statements returned: reads are idempotent, and the method cannot have passed
 * on anything read, so nothing is seen twice. A run in which a statement returned (its
 * rows may already fill a caller's list or an HTTP response) or anything committed (a
 * {@code REQUIRES_NEW} write) is not run again: its failure is surfaced. The
 * attempts are a Resilience4j {@link Retry} (built by the auto-configuration, with
 * the starter's connection-failure rule); the failure has already marked its node
 * down, so the next run goes elsewhere without waiting for the probe it requests.
 * Ordered before the transaction interceptor; a method called inside an existing
 * transaction is left to that transaction's owner. The first run happens outside the
 * {@code Retry}, which sits on the path of every read-only transaction: only a failed
 * run enters it, with that failure as its first attempt, so a run that succeeds builds
 * no retry context (and is not counted in the instance's
 * {@code successful_without_retry} calls). Nor does a run that succeeds copy the
 * invocation: a rerun runs the interceptors that follow this one in the proxy's chain
 * (the transaction's above all), rebuilt from the proxy's advisors, and never those
 * before it (such as Spring's {@code @ConcurrencyLimit}, {@code @Retryable} or
 * {@code @Async}). A proxy that hides its advisors has its invocation copied before each
 * first run instead.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class ReadOnlyRetryInterceptor implements MethodInterceptor {

	private final Retry retry;

	private final CommitLedger ledger;

	/**
	 * Create an interceptor.
	 * @param retry decides whether and when a failed run is run again; it must not
	 * retry a failure {@link CommitLedger#committedBefore noted} as having committed
	 * @param ledger tells whether a run committed anything, such as a
	 * {@code REQUIRES_NEW} audit row, so that it is not run again
	 * @param monitor asked for a probe before another run, without waiting for it
	 */
	public ReadOnlyRetryInterceptor(Retry retry, CommitLedger ledger, NodeMonitor monitor) {
		this.retry = retry;
		this.ledger = ledger;
		retry.getEventPublisher().onRetry((event) -> monitor.requestCheck());
	}

	/**
	 * Return advice that creates the interceptor on first use, for an advisor built
	 * before the beans it needs; a rerun finds its place in the chain by it.
	 * @param interceptor supplies the interceptor
	 * @return the advice
	 */
	public static MethodInterceptor lazily(Supplier<ReadOnlyRetryInterceptor> interceptor) {
		return new LazyAdvice(interceptor);
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		if (TransactionSynchronizationManager.isActualTransactionActive()
				|| !(invocation instanceof ProxyMethodInvocation proxyInvocation)) {
			return invocation.proceed();
		}
		MethodInvocation firstRun = (proxyInvocation.getProxy() instanceof Advised) ? invocation
				: proxyInvocation.invocableClone();
		Throwable firstFailure;
		CommitLedger.Attempt attempt = this.ledger.beginWatchingResults();
		try {
			return firstRun.proceed();
		}
		catch (Throwable ex) {
			firstFailure = attempt.noteResults(attempt.noteCommits(ex));
		}
		finally {
			attempt.close();
		}
		return this.retry.executeCheckedSupplier(new Reruns(proxyInvocation, firstFailure));
	}

	private @Nullable Object rerun(ProxyMethodInvocation invocation) throws Throwable {
		MethodInvocation rerun = (invocation.getProxy() instanceof Advised proxy) ? restOfChain(proxy, invocation)
				: invocation.invocableClone();
		CommitLedger.Attempt attempt = this.ledger.beginWatchingResults();
		try {
			return rerun.proceed();
		}
		catch (Throwable ex) {
			throw attempt.noteResults(attempt.noteCommits(ex));
		}
		finally {
			attempt.close();
		}
	}

	/**
	 * Rebuild the proxy's chain for the method and return an invocation of the
	 * interceptors after this one, the way Spring's proxy builds its own chain.
	 */
	private MethodInvocation restOfChain(Advised proxy, ProxyMethodInvocation invocation) {
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? target.getClass() : null;
		List<Object> chain = DefaultAdvisorChainFactory.INSTANCE.getInterceptorsAndDynamicInterceptionAdvice(proxy,
				invocation.getMethod(), targetClass);
		for (int i = 0; i < chain.size(); i++) {
			if (chain.get(i) == this || (chain.get(i) instanceof LazyAdvice lazy && lazy.interceptor() == this)) {
				return new Rerun(invocation.getProxy(), target, invocation, targetClass,
						chain.subList(i + 1, chain.size()));
			}
		}
		throw new IllegalStateException("The read-only retry is no longer advising " + invocation.getMethod()
				+ "; the proxy's advisors changed after it ran");
	}

	/**
	 * The attempts Resilience4j makes once the first run has failed: the first reports
	 * that failure, so that the retry decides on it, and each later one runs the method
	 * again.
	 */
	private final class Reruns implements CheckedSupplier<@Nullable Object> {

		private final ProxyMethodInvocation invocation;

		private @Nullable Throwable firstFailure;

		Reruns(ProxyMethodInvocation invocation, Throwable firstFailure) {
			this.invocation = invocation;
			this.firstFailure = firstFailure;
		}

		@Override
		public @Nullable Object get() throws Throwable {
			Throwable failure = this.firstFailure;
			if (failure != null) {
				this.firstFailure = null;
				throw failure;
			}
			return rerun(this.invocation);
		}

	}

	/**
	 * The interceptors after this one, run again on the same arguments.
	 */
	private static final class Rerun extends ReflectiveMethodInvocation {

		Rerun(Object proxy, @Nullable Object target, MethodInvocation invocation, @Nullable Class<?> targetClass,
				List<Object> rest) {
			super(proxy, target, invocation.getMethod(), invocation.getArguments(), targetClass, rest);
		}

	}

	/**
	 * The advisor's advice: creates the interceptor on first use.
	 */
	private static final class LazyAdvice implements MethodInterceptor {

		private final Supplier<ReadOnlyRetryInterceptor> interceptor;

		LazyAdvice(Supplier<ReadOnlyRetryInterceptor> interceptor) {
			this.interceptor = interceptor;
		}

		ReadOnlyRetryInterceptor interceptor() {
			return this.interceptor.get();
		}

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			return interceptor().invoke(invocation);
		}

	}

}
