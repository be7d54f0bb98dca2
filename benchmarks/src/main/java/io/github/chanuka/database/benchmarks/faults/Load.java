package io.github.chanuka.database.benchmarks.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * Calls an operation in a loop on several threads and records every call: when it
 * started and ended, and what it returned or the type of what it threw. A thread pauses
 * 1 ms after a failed call, as a client would, rather than spinning on a fast failure.
 */
final class Load implements AutoCloseable {

	private final Queue<Call> calls = new ConcurrentLinkedQueue<>();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running = true;

	Load(String name, int threadCount, IntSupplier operation) {
		for (int i = 0; i < threadCount; i++) {
			Thread thread = new Thread(() -> {
				while (this.running) {
					long start = System.nanoTime();
					try {
						int result = operation.getAsInt();
						this.calls.add(new Call(start, System.nanoTime(), result, null));
					}
					catch (RuntimeException ex) {
						this.calls.add(new Call(start, System.nanoTime(), 0, ex.getClass()));
						pause();
					}
				}
			}, name + "-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Return the calls recorded so far.
	 * @return the calls, in no particular order
	 */
	List<Call> calls() {
		return new ArrayList<>(this.calls);
	}

	/**
	 * Wait until a call ending after the given time matches.
	 * @param after a {@link System#nanoTime()} value
	 * @param condition what the call must satisfy
	 * @param timeoutMillis how long to wait
	 * @return the first matching call, or {@code null} after the timeout
	 * @throws InterruptedException when interrupted
	 */
	Call awaitCall(long after, Predicate<Call> condition, long timeoutMillis)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		while (System.nanoTime() < deadline) {
			Call first = null;
			for (Call call : this.calls) {
				if (call.end() > after && condition.test(call) && (first == null || call.end() < first.end())) {
					first = call;
				}
			}
			if (first != null) {
				return first;
			}
			Thread.sleep(5);
		}
		return null;
	}

	@Override
	public void close() {
		this.running = false;
		for (Thread thread : this.threads) {
			try {
				thread.join(30_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * One call.
	 *
	 * @param start when it started ({@link System#nanoTime()})
	 * @param end when it ended
	 * @param result what it returned
	 * @param failure the type of what it threw, {@code null} when it succeeded
	 */
	record Call(long start, long end, int result, Class<?> failure) {

		boolean succeeded() {
			return this.failure == null;
		}

		long millis() {
			return TimeUnit.NANOSECONDS.toMillis(this.end - this.start);
		}

	}

}
