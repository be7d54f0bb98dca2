package io.github.chanuka.database.routing;

/**
 * Per-thread hints that decide where reads go: code running under {@link UsePrimary},
 * and the read-your-writes token, the primary's WAL position after the thread's last
 * write (or the one its HTTP client sent back), which a replica must have replayed
 * before it may serve the thread's reads.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class RoutingContext {

	/**
	 * Token of a write whose position could not be read; a replica serves it only once
	 * it has replayed the primary's position as it is when the thread next reads.
	 */
	public static final long UNKNOWN_POSITION = Long.MAX_VALUE;

	private final ThreadLocal<State> state = ThreadLocal.withInitial(State::new);

	private final boolean readYourWrites;

	/**
	 * Create a context.
	 * @param readYourWrites whether writes leave a token behind
	 */
	public RoutingContext(boolean readYourWrites) {
		this.readYourWrites = readYourWrites;
	}

	/**
	 * Return whether read-your-writes is on.
	 * @return whether writes leave a token behind
	 */
	public boolean isReadYourWrites() {
		return this.readYourWrites;
	}

	/**
	 * Enter code whose reads must go to the primary; calls nest.
	 */
	public void enterPrimaryOnly() {
		this.state.get().forcedDepth++;
	}

	/**
	 * Leave code entered with {@link #enterPrimaryOnly()}.
	 */
	public void exitPrimaryOnly() {
		State current = this.state.get();
		if (current.forcedDepth > 0) {
			current.forcedDepth--;
		}
	}

	/**
	 * Return whether the current thread runs inside {@link UsePrimary} code.
	 * @return whether reads are forced to the primary
	 */
	public boolean isPrimaryForced() {
		return this.state.get().forcedDepth > 0;
	}

	/**
	 * Record that the current thread committed a write that the primary's WAL holds up
	 * to the given position.
	 * @param position the primary's WAL position after the commit, or
	 * {@link #UNKNOWN_POSITION}
	 */
	public void recordWrite(long position) {
		if (!this.readYourWrites) {
			return;
		}
		State current = this.state.get();
		current.written = Math.max(current.written, position);
		current.required = Math.max(current.required, position);
		current.verified = current.verified && position != UNKNOWN_POSITION;
	}

	/**
	 * Require the current thread's reads to see the primary's WAL up to a position that
	 * the thread did not write itself, such as one carried by a cookie or header; it is checked
	 * against the primary's position before use.
	 * @param position the position
	 */
	public void requirePosition(long position) {
		if (!this.readYourWrites || position <= 0) {
			return;
		}
		State current = this.state.get();
		if (position > current.required) {
			current.required = position;
			current.verified = false;
		}
	}

	/**
	 * Return the WAL position a replica must have replayed to serve the current thread's
	 * reads.
	 * @return the position, zero for none
	 */
	public long requiredPosition() {
		return this.state.get().required;
	}

	/**
	 * Return whether the {@link #requiredPosition() required position} is known not to
	 * lie beyond the primary's position.
	 * @return whether the position needs no check
	 */
	public boolean isPositionVerified() {
		return this.state.get().verified;
	}

	/**
	 * Replace the required position with the checked one.
	 * @param position the position, no further than the primary's
	 */
	public void positionVerified(long position) {
		State current = this.state.get();
		current.required = position;
		current.verified = true;
	}

	/**
	 * Return the highest position the current thread wrote since the context was last
	 * {@link #clear() cleared}.
	 * @return the position, zero when the thread wrote nothing
	 */
	public long writtenPosition() {
		return this.state.get().written;
	}

	/**
	 * Forget the current thread's hints, at the end of a request.
	 */
	public void clear() {
		this.state.remove();
	}

	private static final class State {

		private int forcedDepth;

		private long required;

		private long written;

		private boolean verified = true;

	}

}
