package io.github.chanuka.database.node;

import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * A connection a replica lent for a read-only transaction, tracked by the replica's
 * {@link BorrowedConnections} from the moment it is wrapped until it is closed. The
 * wrapper is its own entry in that list, so tracking allocates nothing.
 * <p>
 * An abort and a close exclude each other: the abort reaches the pool's connection only
 * while it is still lent, and a close that starts during an abort waits for it before
 * handing the connection back. Otherwise an abort racing a close could reach the server
 * connection after the pool had checked it and lent it to the next borrower, on this
 * replica, who never was in the sweep.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public abstract class LentConnection extends DelegatingConnection {

	/**
	 * The connection taken from the replica's pool.
	 */
	protected final Connection target;

	private final BorrowedConnections owner;

	@Nullable LentConnection previous;

	@Nullable LentConnection next;

	int lentInSweep;

	private boolean settled;

	/**
	 * Wrap a connection and track it.
	 * @param target the connection taken from the replica's pool
	 * @param owner the replica's lent connections
	 */
	protected LentConnection(Connection target, BorrowedConnections owner) {
		this.target = target;
		this.owner = owner;
		owner.lent(this);
	}

	@Override
	protected final Connection delegate() {
		return this.target;
	}

	@Override
	public void close() throws SQLException {
		settle();
		this.owner.returned(this);
		this.target.close();
	}

	private synchronized void settle() {
		this.settled = true;
	}

	/**
	 * Abort the connection taken from the pool unless it was returned or aborted before:
	 * its socket closes at once, and the pool, when it gets the connection back, finds it
	 * closed and discards it.
	 * @return whether this call aborted the connection
	 * @throws SQLException if the pool's connection could not be aborted
	 */
	final synchronized boolean abortIfLent() throws SQLException {
		if (this.settled) {
			return false;
		}
		this.settled = true;
		abortTarget();
		return true;
	}

	/**
	 * Abort the connection taken from the pool: its socket closes at once.
	 * @throws SQLException if the pool's connection could not be aborted
	 */
	void abortTarget() throws SQLException {
		this.target.abort(Runnable::run);
	}

	@Override
	public String toString() {
		return this.target.toString();
	}

}
