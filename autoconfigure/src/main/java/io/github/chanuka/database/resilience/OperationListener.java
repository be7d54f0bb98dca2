package io.github.chanuka.database.resilience;

import java.util.List;

/**
 * Told of every database operation, for metrics and observations. Every call for one
 * operation is made on the thread that runs it: {@link #started}, then
 * {@link #retrying} before each retry, then {@link #completed}.
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
	 * Return a listener that tells each of several listeners, in order.
	 * @param listeners the listeners
	 * @return the composite listener, or {@link #NONE} when there is none
	 */
	static OperationListener of(List<OperationListener> listeners) {
		if (listeners.isEmpty()) {
			return NONE;
		}
		if (listeners.size() == 1) {
			return listeners.get(0);
		}
		List<OperationListener> all = List.copyOf(listeners);
		return new OperationListener() {

			@Override
			public void started(String operation) {
				all.forEach((listener) -> listener.started(operation));
			}

			@Override
			public void completed(String operation, Outcome outcome, long nanos) {
				for (int i = all.size() - 1; i >= 0; i--) {
					all.get(i).completed(operation, outcome, nanos);
				}
			}

			@Override
			public void retrying(String operation) {
				all.forEach((listener) -> listener.retrying(operation));
			}

		};
	}

	/**
	 * Called when an operation starts, before its first attempt.
	 * @param operation the operation name
	 */
	default void started(String operation) {
	}

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

		private final String tagValue = name().toLowerCase(java.util.Locale.ROOT);

		/**
		 * Return the outcome as a tag value, such as {@code success}.
		 * @return the tag value
		 */
		public String tagValue() {
			return this.tagValue;
		}

	}

}
