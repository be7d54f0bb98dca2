package io.github.chanuka.database.resilience;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * Remembers, per thread, that the COMMIT of a read-write transaction began and did not
 * finish, so an operation can tell a failure whose outcome is unknown from one that
 * surely rolled back. Watching the start of the commit, not only its failure, matters:
 * a {@code JdbcTransactionManager} reports a failed commit as a translated
 * {@code DataAccessException}, which transaction listeners are not told about.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class CommitFailureTracker implements TransactionExecutionListener {

	private final ThreadLocal<Boolean> committing = new ThreadLocal<>();

	@Override
	public void beforeCommit(TransactionExecution transaction) {
		if (!transaction.isReadOnly()) {
			this.committing.set(Boolean.TRUE);
		}
	}

	@Override
	public void afterCommit(TransactionExecution transaction, @Nullable Throwable failure) {
		if (failure == null) {
			this.committing.remove();
		}
	}

	/**
	 * Forget any unfinished commit, before an attempt.
	 */
	public void clear() {
		this.committing.remove();
	}

	/**
	 * Return whether a commit began since {@link #clear()} and did not finish, and
	 * forget it.
	 * @return whether the outcome of the last commit is unknown to this thread
	 */
	public boolean takeUnfinishedCommit() {
		boolean unfinished = this.committing.get() != null;
		this.committing.remove();
		return unfinished;
	}

}
