package io.github.chanuka.database.routing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import io.github.chanuka.database.node.CommitLedger;
import io.github.chanuka.database.node.NodeMonitor;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ReflectionUtils;

/**
 * Runs a {@code @Transactional(readOnly = true)} method once more, in a new
 * transaction, when a run failed because the connection to its node failed. Reads are
 * idempotent and the failed run returned nothing, so nothing is seen twice; a run in
 * which anything committed (a {@code REQUIRES_NEW} write) is not run again. The
 * attempts are a Resilience4j {@link Retry} (built by the auto-configuration, with
 * the starter's connection-failure rule); the failure has already marked its node
 * down, so the next run goes elsewhere without waiting for the probe it requests.
 * Ordered before the transaction interceptor; a method called inside an existing
 * transaction is left to that transaction's owner. The first run happens outside the
 * {@code Retry}, which sits on the path of every read-only transaction: only a failed
 * run enters it, with that failure as its first attempt, so a run that succeeds builds
 * no retry context (and is not counted in the instance's
 * {@code successful_without_retry} calls). Nor does it copy the invocation: a rerun
 * calls the method on its proxy again, so advice ordered before this interceptor (such
 * as {@link UsePrimary}'s, which nests) runs once more with it.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class ReadOnlyRetryInterceptor implements MethodInterceptor {

	private static final ThreadLocal<@Nullable Boolean> RERUN = new ThreadLocal<>();

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

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		if (RERUN.get() == Boolean.TRUE) {
			RERUN.set(null);
			return invocation.proceed();
		}
		if (TransactionSynchronizationManager.isActualTransactionActive()
				|| !(invocation instanceof ProxyMethodInvocation proxyInvocation)) {
			return invocation.proceed();
		}
		Throwable firstFailure;
		CommitLedger.Attempt attempt = this.ledger.begin();
		try {
			return invocation.proceed();
		}
		catch (Throwable ex) {
			firstFailure = attempt.noteCommits(ex);
		}
		finally {
			attempt.close();
		}
		return this.retry.executeCheckedSupplier(new Reruns(proxyInvocation, firstFailure));
	}

	/**
	 * Run the method again through its proxy, so that every interceptor after this one
	 * (the transaction above all) runs again; this interceptor lets that call through.
	 * The first run proceeds on the invocation itself, so that a run that succeeds
	 * copies nothing.
	 */
	private @Nullable Object rerun(ProxyMethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		ReflectionUtils.makeAccessible(method);
		CommitLedger.Attempt attempt = this.ledger.begin();
		RERUN.set(Boolean.TRUE);
		try {
			return method.invoke(invocation.getProxy(), invocation.getArguments());
		}
		catch (InvocationTargetException ex) {
			throw attempt.noteCommits(ex.getTargetException());
		}
		catch (Throwable ex) {
			throw attempt.noteCommits(ex);
		}
		finally {
			RERUN.set(null);
			attempt.close();
		}
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

}
