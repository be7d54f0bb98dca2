package io.github.chanuka.database.resilience;

import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * Remembers, per thread, that the COMMIT of a read-write transaction failed, so an
 * operation can tell a failure whose outcome is unknown from one that surely rolled
 * back.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class CommitFailureTracker implements TransactionExecutionListener {

	private final ThreadLocal<Throwable> commitFailure = new ThreadLocal<>();

	@Override
	public void afterCommit(TransactionExecution transaction, Throwable failure) {
		if (failure != null && !transaction.isReadOnly()) {
			this.commitFailure.set(failure);
		}
	}

	/**
	 * Forget any recorded failure, before an attempt.
	 */
	public void clear() {
		this.commitFailure.remove();
	}

	/**
	 * Return and forget the commit failure recorded since {@link #clear()}.
	 * @return the failure, or {@code null} when no commit failed
	 */
	public Throwable take() {
		Throwable failure = this.commitFailure.get();
		this.commitFailure.remove();
		return failure;
	}

}
