package io.github.chanuka.database.node;

import java.sql.Connection;

/**
 * Told by {@link CommitTrackingDecorator} about every commit on the primary that may have
 * changed data, whatever committed it: any transaction manager, an autocommit
 * statement, a callback that commits by hand. Implementations must be quick and must
 * not throw: the commit has already happened.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public interface CommitListener {

	/**
	 * Called on the committing thread after a successful commit, or an autocommit
	 * statement, that may have changed data.
	 * @param connection the connection that committed, outside any transaction; it
	 * may run a statement with {@link WalPositions#current(Connection)}
	 */
	void committed(Connection connection);

	/**
	 * Called on the committing thread when the connection failed during a commit, or an
	 * autocommit statement that may have changed data: it may or may not have
	 * committed.
	 */
	default void outcomeUnknown() {
	}

}
