package io.github.chanuka.database.routing;

import java.time.Duration;

/**
 * Per-thread hints that send reads to the primary: code running under
 * {@link UsePrimary}, and a recent write whose result the thread must be able to read
 * back.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class RoutingContext {

	private final ThreadLocal<int[]> forcedDepth = ThreadLocal.withInitial(() -> new int[1]);

	private final ThreadLocal<long[]> primaryUntil = ThreadLocal.withInitial(() -> new long[1]);

	private final long readYourWritesNanos;

	/**
	 * Create a context.
	 * @param readYourWrites how long reads stay on the primary after a write, zero for
	 * never
	 */
	public RoutingContext(Duration readYourWrites) {
		this.readYourWritesNanos = readYourWrites.toNanos();
	}

	/**
	 * Return the read-your-writes window.
	 * @return the window, zero when switched off
	 */
	public Duration readYourWrites() {
		return Duration.ofNanos(this.readYourWritesNanos);
	}

	/**
	 * Enter code whose reads must go to the primary; calls nest.
	 */
	public void enterPrimaryOnly() {
		this.forcedDepth.get()[0]++;
	}

	/**
	 * Leave code entered with {@link #enterPrimaryOnly()}.
	 */
	public void exitPrimaryOnly() {
		int[] depth = this.forcedDepth.get();
		if (--depth[0] <= 0) {
			this.forcedDepth.remove();
		}
	}

	/**
	 * Return whether the current thread runs inside {@link UsePrimary} code.
	 * @return whether reads are forced to the primary
	 */
	public boolean isPrimaryForced() {
		return this.forcedDepth.get()[0] > 0;
	}

	/**
	 * Record that the current thread committed a write now.
	 */
	public void recordWrite() {
		if (this.readYourWritesNanos > 0) {
			keepOnPrimaryUntil(System.nanoTime() + this.readYourWritesNanos);
		}
	}

	/**
	 * Keep the current thread's reads on the primary until the given time, unless they
	 * are already kept there longer.
	 * @param nanoTime a {@link System#nanoTime()} value
	 */
	public void keepOnPrimaryUntil(long nanoTime) {
		long[] until = this.primaryUntil.get();
		if (until[0] == 0 || nanoTime - until[0] > 0) {
			until[0] = nanoTime;
		}
	}

	/**
	 * Return whether the current thread wrote within the read-your-writes window.
	 * @return whether reads must go to the primary to see that write
	 */
	public boolean isReadingOwnWrites() {
		long until = this.primaryUntil.get()[0];
		return until != 0 && until - System.nanoTime() > 0;
	}

	/**
	 * Forget the current thread's hints, at the end of a request.
	 */
	public void clear() {
		this.forcedDepth.remove();
		this.primaryUntil.remove();
	}

}
