package io.github.chanuka.database.node;

import java.sql.Connection;

import org.jspecify.annotations.Nullable;

/**
 * What the primary's connections committed, and which commits have an unknown outcome,
 * during each attempt of a retried piece of work, per thread. Fed by
 * {@link CommitTrackingDecorator} at the connection, so every path is seen: any
 * transaction manager, autocommit statements, callbacks that commit several times.
 * A retry path opens an {@link Attempt} around each attempt and retries only an
 * attempt in which nothing committed or may have committed. Attempts nest: a commit
 * counts in every attempt open on the thread.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class CommitLedger implements CommitListener {

	private final ThreadLocal<@Nullable Attempt> current = new ThreadLocal<>();

	/**
	 * Open an attempt on this thread; {@link Attempt#close() close} it when the attempt
	 * ends.
	 * @return the attempt
	 */
	public Attempt begin() {
		return begin(false);
	}

	/**
	 * Open an attempt on this thread whose read-only statements tell the ledger when
	 * they return, for a retry path that must not deliver results twice.
	 * @return the attempt
	 */
	public Attempt beginWatchingResults() {
		return begin(true);
	}

	private Attempt begin(boolean watchResults) {
		Attempt attempt = new Attempt(this.current.get(), watchResults);
		this.current.set(attempt);
		return attempt;
	}

	/**
	 * Record a successful commit of a transaction, or an autocommit statement, that may
	 * have changed data.
	 */
	public void committed() {
		for (Attempt attempt = this.current.get(); attempt != null; attempt = attempt.parent) {
			attempt.committed++;
		}
	}

	@Override
	public void committed(Connection connection) {
		committed();
	}

	/**
	 * Return whether the attempt open on the current thread watches results.
	 * @return whether read-only statements are to report {@link #resultsReturned()}
	 */
	public boolean isWatchingResults() {
		Attempt attempt = this.current.get();
		return attempt != null && attempt.watchResults;
	}

	/**
	 * Record that a statement of a read-only transaction returned to the application,
	 * which may have passed its results on: running the attempt again would deliver
	 * them twice.
	 */
	public void resultsReturned() {
		for (Attempt attempt = this.current.get(); attempt != null; attempt = attempt.parent) {
			attempt.resultsReturned = true;
		}
	}

	/**
	 * Record a commit, or an autocommit statement that may have changed data, whose
	 * connection failed before the outcome was known: it may have committed.
	 */
	@Override
	public void outcomeUnknown() {
		for (Attempt attempt = this.current.get(); attempt != null; attempt = attempt.parent) {
			attempt.unknown++;
		}
	}

	/**
	 * Return whether a failure carries the note that its attempt committed something,
	 * so that it must not be run again.
	 * @param failure the failure
	 * @return whether the failure must not be retried
	 */
	public static boolean committedBefore(Throwable failure) {
		for (Throwable suppressed : failure.getSuppressed()) {
			if (suppressed instanceof CommittedInAttempt || suppressed instanceof ResultsReturnedInAttempt) {
				return true;
			}
		}
		return false;
	}

	/**
	 * One attempt of retried work on one thread; only that thread counts into it.
	 */
	public final class Attempt implements AutoCloseable {

		private final @Nullable Attempt parent;

		private int committed;

		private int unknown;

		private final boolean watchResults;

		private boolean resultsReturned;

		private Attempt(@Nullable Attempt parent, boolean watchResults) {
			this.parent = parent;
			this.watchResults = watchResults;
		}

		/**
		 * Return how many transactions committed during this attempt.
		 * @return the number of commits
		 */
		public int commits() {
			return this.committed;
		}

		/**
		 * Return how many commits of this attempt have an unknown outcome.
		 * @return the number of commits that may or may not have happened
		 */
		public int unknownOutcomes() {
			return this.unknown;
		}

		/**
		 * Return whether nothing committed, or may have committed, during this attempt,
		 * so that running it again cannot store anything twice.
		 * @return whether the attempt may be retried
		 */
		public boolean isRepeatable() {
			return commits() == 0 && unknownOutcomes() == 0;
		}

		/**
		 * Note on a failure of this attempt that something committed, or may have,
		 * so that no retry path runs it again.
		 * @param failure the failure of the attempt
		 * @return the same failure, with the note when the attempt is not repeatable
		 */
		public Throwable noteCommits(Throwable failure) {
			if (!isRepeatable() && !committedBefore(failure)) {
				failure.addSuppressed(new CommittedInAttempt(commits(), unknownOutcomes()));
			}
			return failure;
		}

		/**
		 * Return whether a statement of a read-only transaction returned to the
		 * application during this attempt (recorded only where read-only connections
		 * watch their statements: the read-only rerun's runs).
		 * @return whether results may have been passed on
		 */
		public boolean hasReturnedResults() {
			return this.resultsReturned;
		}

		/**
		 * Note on a failure of this attempt that results reached the application before
		 * its connection failed, so that no retry path runs it again; other failures
		 * (a serialization failure, say) are left to the retry paths' own rules.
		 * @param failure the failure of the attempt
		 * @return the same failure, with the note when results were returned
		 */
		public Throwable noteResults(Throwable failure) {
			if (this.resultsReturned && DatabaseFailures.isConnectionFailure(failure) && !committedBefore(failure)) {
				failure.addSuppressed(new ResultsReturnedInAttempt());
			}
			return failure;
		}

		@Override
		public void close() {
			if (CommitLedger.this.current.get() == this) {
				CommitLedger.this.current.set(this.parent);
			}
		}

	}

	/**
	 * Note, as a suppressed exception, that read-only work returned results to the
	 * application before it failed.
	 */
	static final class ResultsReturnedInAttempt extends RuntimeException {

		ResultsReturnedInAttempt() {
			super("Not run again: a statement had already returned results to the application, which a rerun "
					+ "would deliver twice", null, false, false);
		}

	}

	/**
	 * Note, as a suppressed exception, that work committed before it failed.
	 */
	static final class CommittedInAttempt extends RuntimeException {

		CommittedInAttempt(int commits, int unknown) {
			super(message(commits, unknown), null, false, false);
		}

		private static String message(int commits, int unknown) {
			StringBuilder message = new StringBuilder("Not retried: ");
			if (commits > 0) {
				message.append(commits).append(" transaction(s) committed earlier in this attempt and stand");
			}
			if (unknown > 0) {
				message.append((commits > 0) ? "; " : "")
					.append(unknown)
					.append(" commit(s) lost their connection and may have committed");
			}
			return message.toString();
		}

	}

}
