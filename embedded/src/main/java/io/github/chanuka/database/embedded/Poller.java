package io.github.chanuka.database.embedded;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Polls a condition of a server until it holds or a deadline passes. Server state (readiness,
 * replay position, promotion) is only observable by asking, so waiting means polling.
 */
final class Poller {

	private static final long INTERVAL_MILLIS = 20;

	private Poller() {
	}

	/**
	 * Poll until the condition holds.
	 * @param timeout how long to keep polling
	 * @param condition the condition
	 * @return whether the condition held before the timeout
	 * @throws Exception whatever the condition throws
	 */
	static boolean poll(Duration timeout, Condition condition) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			if (condition.holds()) {
				return true;
			}
			if (System.nanoTime() - deadline >= 0) {
				return false;
			}
			pause();
		}
	}

	private static void pause() {
		try {
			TimeUnit.MILLISECONDS.sleep(INTERVAL_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EmbeddedPostgresException("Interrupted while waiting for PostgreSQL", ex);
		}
	}

	@FunctionalInterface
	interface Condition {

		boolean holds() throws Exception;

	}

}
