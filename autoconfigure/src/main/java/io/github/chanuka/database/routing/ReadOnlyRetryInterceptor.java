package io.github.chanuka.database.routing;

import io.github.chanuka.database.node.CommitLedger;
import io.github.chanuka.database.node.NodeMonitor;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
 * {@code successful_without_retry} calls).
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

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		if (TransactionSynchronizationManager.isActualTransactionActive()
				|| !(invocation instanceof ProxyMethodInvocation proxyInvocation)) {
			return invocation.proceed();
		}
		Throwable firstFailure;
		try {
			return run(proxyInvocation);
		}
		catch (Throwable ex) {
			firstFailure = ex;
		}
		return this.retry.executeCheckedSupplier(new Reruns(proxyInvocation, firstFailure));
	}

	private @Nullable Object run(ProxyMethodInvocation invocation) throws Throwable {
		CommitLedger.Attempt attempt = this.ledger.begin();
		try {
			return invocation.invocableClone().proceed();
		}
		catch (Throwable ex) {
			throw attempt.noteCommits(ex);
		}
		finally {
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
			return run(this.invocation);
		}

	}

}
