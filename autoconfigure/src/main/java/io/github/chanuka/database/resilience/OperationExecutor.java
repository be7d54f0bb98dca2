package io.github.chanuka.database.resilience;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.chanuka.database.node.DatabaseFailures;
import io.github.chanuka.database.resilience.OperationListener.Outcome;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs named database operations with a Resilience4j {@link Retry} named
 * {@code chanuka-database-<operation>} from the application's registry (an instance
 * configured under {@code resilience4j.retry.instances} keeps its attempts and waits,
 * under the starter's safety rule, see {@link SafeRetries}), timing each
 * operation and telling the {@link OperationListener}. Only transient failures are
 * retried; a write whose COMMIT failed on a lost connection becomes a
 * {@link CommitOutcomeUnknownException} and is not retried.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class OperationExecutor {

	private final SafeRetries retries;

	private final CommitFailureTracker commitFailures;

	private final OperationListener listener;

	private final Map<String, Retry> observed = new ConcurrentHashMap<>();

	/**
	 * Create an executor.
	 * @param retries the retry instances, with the starter's safety rule
	 * @param commitFailures tells commit failures from other failures
	 * @param listener told of every operation
	 */
	public OperationExecutor(SafeRetries retries, CommitFailureTracker commitFailures, OperationListener listener) {
		this.retries = retries;
		this.commitFailures = commitFailures;
		this.listener = listener;
	}

	/**
	 * Run an operation.
	 * @param <T> the result type
	 * @param operation the operation name
	 * @param attempt one attempt of the operation, in a new transaction if it opens one
	 * @return the result of the attempt that succeeded
	 * @throws Throwable the failure of the last attempt
	 */
	public <T> T execute(String operation, CheckedSupplier<T> attempt) throws Throwable {
		long start = System.nanoTime();
		Outcome outcome = Outcome.FAILURE;
		try {
			CheckedSupplier<T> guarded = () -> attempt(operation, attempt);
			T result = TransactionSynchronizationManager.isActualTransactionActive() ? guarded.get()
					: retry(operation).executeCheckedSupplier(guarded);
			outcome = Outcome.SUCCESS;
			return result;
		}
		catch (CommitOutcomeUnknownException ex) {
			outcome = Outcome.UNKNOWN;
			throw ex;
		}
		finally {
			this.listener.completed(operation, outcome, System.nanoTime() - start);
		}
	}

	private <T> T attempt(String operation, CheckedSupplier<T> attempt) throws Throwable {
		this.commitFailures.clear();
		try {
			return attempt.get();
		}
		catch (Throwable ex) {
			if (this.commitFailures.takeUnfinishedCommit() && DatabaseFailures.isConnectionFailure(ex)) {
				throw new CommitOutcomeUnknownException(operation, ex);
			}
			throw ex;
		}
	}

	private Retry retry(String operation) {
		return this.observed.computeIfAbsent(operation, (name) -> {
			Retry retry = this.retries.obtain(name, OperationExecutor::isRetryable);
			retry.getEventPublisher().onRetry((event) -> this.listener.retrying(name));
			return retry;
		});
	}

	private static boolean isRetryable(Throwable failure) {
		return !(failure instanceof CommitOutcomeUnknownException) && !(failure instanceof DatabaseUnavailableException)
				&& DatabaseFailures.isTransient(failure);
	}

}
