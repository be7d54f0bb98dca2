package io.github.chanuka.database.resilience;

/**
 * Told of every database operation, for metrics.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public interface OperationListener {

	/**
	 * Listener that does nothing.
	 */
	OperationListener NONE = new OperationListener() {

		@Override
		public void completed(String operation, Outcome outcome, long nanos) {
		}

		@Override
		public void retrying(String operation) {
		}

	};

	/**
	 * Called when an operation finished, after all its attempts.
	 * @param operation the operation name
	 * @param outcome how it ended
	 * @param nanos how long it took, retries included
	 */
	void completed(String operation, Outcome outcome, long nanos);

	/**
	 * Called before each retry of an operation.
	 * @param operation the operation name
	 */
	void retrying(String operation);

	/**
	 * How an operation ended.
	 */
	enum Outcome {

		/**
		 * It returned.
		 */
		SUCCESS,

		/**
		 * It failed, and surely had no effect or its failure is the caller's to judge.
		 */
		FAILURE,

		/**
		 * Its COMMIT lost the connection: it may or may not have taken effect.
		 */
		UNKNOWN;

		public String tagValue() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
