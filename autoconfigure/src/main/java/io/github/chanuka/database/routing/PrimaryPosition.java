package io.github.chanuka.database.routing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.chanuka.database.node.ConnectionGuard;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.WalPositions;
import org.jspecify.annotations.Nullable;

/**
 * The primary's WAL position, read when a read-your-writes decision needs it. A
 * position read after a commit completed is at or beyond that commit, so one read
 * serves every commit that completed before it started: the last read is kept, a
 * caller whose writes completed before it started takes its position without asking
 * the primary, and callers that need a newer one share a single read in flight. Reads
 * go through the primary's guard and are not tried while the primary is known to be
 * down, so a decision never waits on a primary that cannot answer. Also the highest
 * position known without asking, against which a client's token is clamped: a token
 * can only cost what a real write costs.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class PrimaryPosition {

	private final AtomicLong highest = new AtomicLong();

	private final AtomicReference<@Nullable Read> latest = new AtomicReference<>();

	private final ConnectionGuard guard;

	/**
	 * Create a position reader that takes connections straight from the primary's pool.
	 */
	public PrimaryPosition() {
		this(ConnectionGuard.NONE);
	}

	/**
	 * Create a position reader.
	 * @param guard guards connection acquisition from the primary
	 */
	public PrimaryPosition(ConnectionGuard guard) {
		this.guard = guard;
	}

	/**
	 * Record a position the primary reached.
	 * @param position the position
	 */
	public void observed(long position) {
		this.highest.accumulateAndGet(position, Math::max);
	}

	/**
	 * Return the highest position known without asking the primary.
	 * @param primary the primary
	 * @return the position, zero when none is known
	 */
	public long known(DatabaseNode primary) {
		Long probed = primary.state().walPosition();
		return Math.max(this.highest.get(), (probed != null) ? probed : 0);
	}

	/**
	 * Return a position of the primary read after the given moment: at or beyond every
	 * commit that completed before it.
	 * @param sinceNanos the moment, a {@link System#nanoTime()}
	 * @param primary the primary
	 * @return the position
	 * @throws SQLException when the primary is down or its position cannot be read
	 */
	public long readAfter(long sinceNanos, DatabaseNode primary) throws SQLException {
		while (true) {
			Read last = this.latest.get();
			if (last != null && last.startedNanos - sinceNanos > 0) {
				return last.position();
			}
			Read read = new Read(System.nanoTime());
			if (this.latest.compareAndSet(last, read)) {
				return read.run(primary);
			}
		}
	}

	/**
	 * Return a token no further than the primary's position: unchanged when the primary
	 * is known to have reached it, otherwise the primary's current position when that is
	 * lower.
	 * @param token the token
	 * @param primary the primary
	 * @return the clamped token
	 * @throws SQLException when the primary is down or its position cannot be read
	 */
	public long clamp(long token, DatabaseNode primary) throws SQLException {
		if (token <= known(primary)) {
			return token;
		}
		return Math.min(token, readAfter(System.nanoTime(), primary));
	}

	/**
	 * One read of the primary's position, shared by every caller that needs a position
	 * read after it started.
	 */
	private final class Read {

		private final long startedNanos;

		private final CompletableFuture<Long> result = new CompletableFuture<>();

		Read(long startedNanos) {
			this.startedNanos = startedNanos;
		}

		long run(DatabaseNode primary) throws SQLException {
			try {
				if (primary.state().isDown()) {
					throw new SQLException("The primary " + primary.name() + " is down: " + primary.state().error());
				}
				long position;
				try (Connection connection = PrimaryPosition.this.guard.connect(primary)) {
					position = WalPositions.current(connection);
				}
				observed(position);
				this.result.complete(position);
				return position;
			}
			catch (SQLException | RuntimeException ex) {
				this.result.completeExceptionally(ex);
				PrimaryPosition.this.latest.compareAndSet(this, null);
				throw ex;
			}
		}

		long position() throws SQLException {
			try {
				return this.result.join();
			}
			catch (CompletionException ex) {
				Throwable cause = ex.getCause();
				if (cause instanceof SQLException sqlException) {
					throw sqlException;
				}
				throw new SQLException("The primary's position could not be read", cause);
			}
		}

	}

}
