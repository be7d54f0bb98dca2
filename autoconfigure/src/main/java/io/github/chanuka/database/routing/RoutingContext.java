package io.github.chanuka.database.routing;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Per-thread hints that decide where reads go: code running under {@link UsePrimary},
 * and read-your-writes. A commit that may have changed data records only that the
 * thread wrote and when ({@link System#nanoTime()} after the commit); no position is
 * read. Any primary WAL position read after that moment is at or beyond the commit, so
 * the position is read when a decision first needs it (see {@link PrimaryPosition}) and
 * one read serves every commit before it. The thread's reads then go only to replicas
 * that have replayed the required position: its own writes', or one its HTTP client
 * sent back.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class RoutingContext {

	/**
	 * Token of a client whose write's position was not read before its response: the
	 * next request reads the primary's position, which covers that write.
	 */
	public static final String UNRESOLVED_TOKEN = "wrote";

	/**
	 * How long a thread outside a request remembers that the primary could not be asked
	 * for its position.
	 */
	public static final Duration UNREACHABLE_MEMORY = Duration.ofSeconds(5);

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
	 * Record that the current thread committed, or may have committed, a write just
	 * now; its position is read when a decision needs it.
	 */
	public void recordWrite() {
		if (!this.readYourWrites) {
			return;
		}
		Writes current = writes();
		current.unresolvedSince = System.nanoTime();
		current.sendToken = true;
	}

	/**
	 * Require the current thread's reads to see a write its HTTP client made earlier,
	 * whose position the client was never given: the primary's position read from now on
	 * covers it, because the client sent this request after its write's response.
	 */
	public void requireUnresolvedWrite() {
		if (!this.readYourWrites) {
			return;
		}
		Writes current = writes();
		if (current.unresolvedSince == 0) {
			current.unresolvedSince = System.nanoTime();
		}
		current.sendToken = true;
	}

	/**
	 * Require the current thread's reads to see the primary's WAL up to a position that
	 * the thread did not write itself, such as one carried by a cookie or header; it is
	 * checked against the primary's position before use.
	 * @param position the position
	 */
	public void requirePosition(long position) {
		if (!this.readYourWrites || position <= 0) {
			return;
		}
		Writes current = writes();
		if (position > current.required) {
			current.required = position;
			current.verified = false;
		}
	}

	/**
	 * Return the moment ({@link System#nanoTime()}) after which a primary position read
	 * covers every write the thread must read but has no position for yet.
	 * @return the moment, or zero when every write is resolved
	 */
	public long unresolvedSince() {
		return writes().unresolvedSince;
	}

	/**
	 * Resolve the thread's unresolved writes to a primary position read after
	 * {@link #unresolvedSince()}.
	 * @param position the primary's position
	 */
	public void resolved(long position) {
		Writes current = writes();
		current.unresolvedSince = 0;
		current.written = Math.max(current.written, position);
		current.required = Math.max(current.required, position);
	}

	/**
	 * Return the WAL position a replica must have replayed to serve the current thread's
	 * reads, writes not yet resolved aside.
	 * @return the position, zero for none
	 */
	public long requiredPosition() {
		return writes().required;
	}

	/**
	 * Return whether the {@link #requiredPosition() required position} is known not to
	 * lie beyond the primary's position.
	 * @return whether the position needs no check
	 */
	public boolean isPositionVerified() {
		return writes().verified;
	}

	/**
	 * Replace the required position with the checked one.
	 * @param position the position, no further than the primary's
	 */
	public void positionVerified(long position) {
		Writes current = writes();
		current.required = position;
		current.verified = true;
	}

	/**
	 * Record that the primary could not be asked for its position, so that the rest of
	 * the request does not wait on it again.
	 */
	public void primaryUnreachable() {
		writes().primaryUnreachableAt = System.nanoTime();
	}

	/**
	 * Return whether asking the primary for its position failed on this thread since the
	 * context was last {@link #clear() cleared}, at the end of a request, and less than
	 * {@link #UNREACHABLE_MEMORY} ago (a thread that serves no requests asks again then).
	 * @return whether the primary is not to be asked again
	 */
	public boolean isPrimaryUnreachable() {
		long at = writes().primaryUnreachableAt;
		return at != 0 && System.nanoTime() - at < UNREACHABLE_MEMORY.toNanos();
	}

	/**
	 * Return the token the current request's response must carry: the position of the
	 * writes it made or resolved, {@link #UNRESOLVED_TOKEN} when one of them has no
	 * position yet, or {@code null} when the response needs none.
	 * @return the token, a WAL position in hexadecimal, or {@code null}
	 */
	public @Nullable String responseToken() {
		Writes current = writes();
		if (!current.sendToken) {
			return null;
		}
		if (current.unresolvedSince != 0 || current.written == 0) {
			return UNRESOLVED_TOKEN;
		}
		return Long.toHexString(current.written);
	}

	private Writes writes() {
		return this.state.get().writes;
	}

	/**
	 * Forget the current thread's hints, at the end of a request or of carried work.
	 */
	public void clear() {
		this.state.remove();
	}

	/**
	 * Hand the current thread's read-your-writes state to work that continues the same
	 * request on another thread, such as an asynchronous request's task: the other thread
	 * {@link #resume resumes} it, so its writes reach the request's response and its
	 * reads honour the request's token.
	 * @return the state, shared, not copied
	 */
	public Carried carry() {
		return new Carried(this.state.get().writes);
	}

	/**
	 * Continue carried work on the current thread until it is {@link #clear() cleared}.
	 * @param carried the state taken with {@link #carry()}
	 */
	public void resume(Carried carried) {
		State resumed = new State();
		resumed.writes = carried.writes;
		this.state.set(resumed);
	}

	/**
	 * Read-your-writes state carried from one thread to another.
	 */
	public static final class Carried {

		private final Writes writes;

		private Carried(Writes writes) {
			this.writes = writes;
		}

	}

	private static final class State {

		private int forcedDepth;

		private Writes writes = new Writes();

	}

	/**
	 * What a request wrote and must read; shared by the threads that work for it, one
	 * after the other.
	 */
	private static final class Writes {

		private volatile long required;

		private volatile boolean verified = true;

		private volatile long written;

		private volatile long unresolvedSince;

		private volatile boolean sendToken;

		private volatile long primaryUnreachableAt;

	}

}
