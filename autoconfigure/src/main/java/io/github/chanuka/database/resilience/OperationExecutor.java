package io.github.chanuka.database.resilience;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.chanuka.database.node.CommitLedger;
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
 * retried, and only when nothing committed, or may have committed, during the attempt
 * (the {@link CommitLedger} sees every commit at the primary's connections): an
 * attempt whose commit, or autocommit write, lost its connection becomes a
 * {@link CommitOutcomeUnknownException}; an attempt that committed and then failed
 * fails with a note that its commits stand. Neither is retried.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class OperationExecutor {

	/**
	 * Most distinct operation names with their own retry instance and meters; further
	 * names share {@value #OTHER}, since names passed to {@link DatabaseOperations} may
	 * be user data.
	 */
	public static final int MAX_OPERATIONS = 200;

	/**
	 * Name of the operations beyond {@link #MAX_OPERATIONS}.
	 */
	public static final String OTHER = "other";

	private final SafeRetries retries;

	private final CommitLedger ledger;

	private final OperationListener listener;

	private final Map<String, Retry> observed = new ConcurrentHashMap<>();

	/**
	 * Create an executor.
	 * @param retries the retry instances, with the starter's safety rule
	 * @param ledger what each attempt committed, on every path
	 * @param listener told of every operation
	 */
	public OperationExecutor(SafeRetries retries, CommitLedger ledger, OperationListener listener) {
		this.retries = retries;
		this.ledger = ledger;
		this.listener = listener;
	}

	/**
	 * Run an operation.
	 * @param <T> the result type
	 * @param name the operation name
	 * @param attempt one attempt of the operation, in a new transaction if it opens one
	 * @return the result of the attempt that succeeded
	 * @throws Throwable the failure of the last attempt
	 */
	public <T> T execute(String name, CheckedSupplier<T> attempt) throws Throwable {
		String operation = bounded(name);
		long start = System.nanoTime();
		Outcome outcome = Outcome.FAILURE;
		this.listener.started(operation);
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
		CommitLedger.Attempt ledger = this.ledger.begin();
		try {
			return attempt.get();
		}
		catch (Throwable ex) {
			if (ledger.unknownOutcomes() > 0 && !(ex instanceof CommitOutcomeUnknownException)) {
				throw ledger.noteCommits(new CommitOutcomeUnknownException(operation, ex));
			}
			throw ledger.noteCommits(ex);
		}
		finally {
			ledger.close();
		}
	}

	private String bounded(String operation) {
		if (this.observed.containsKey(operation) || this.observed.size() < MAX_OPERATIONS) {
			return operation;
		}
		return OTHER;
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
				&& !CommitLedger.committedBefore(failure) && DatabaseFailures.isTransient(failure);
	}

}
