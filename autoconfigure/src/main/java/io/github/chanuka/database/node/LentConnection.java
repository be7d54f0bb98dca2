package io.github.chanuka.database.node;

import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * A connection a replica lent for a read-only transaction, tracked by the replica's
 * {@link BorrowedConnections} from the moment it is wrapped until it is closed. The
 * wrapper is its own entry in that list, so tracking allocates nothing.
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
		this.owner.returned(this);
		this.target.close();
	}

	/**
	 * Abort the connection taken from the pool: its socket closes at once.
	 */
	void abortTarget() throws SQLException {
		this.target.abort(Runnable::run);
	}

	@Override
	public String toString() {
		return this.target.toString();
	}

}
