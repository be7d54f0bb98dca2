package io.github.chanuka.database.routing;

import java.sql.Connection;
import java.sql.SQLException;

import io.github.chanuka.database.node.DatabaseFailures;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.LentConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A replica's connection on which a COMMIT or ROLLBACK that fails because the
 * connection failed is not surfaced: a hot standby cannot have committed anything, and
 * the reads of the transaction already returned. The failure itself has already marked
 * the replica down (see {@link io.github.chanuka.database.node.PassiveFailureDetection}).
 * While borrowed, the connection is tracked by its replica, which aborts it if the
 * replica stops answering (see {@link io.github.chanuka.database.node.BorrowedConnections}).
 * Only the connection is wrapped, not its statements: one small object per borrowed
 * connection, and every other call goes straight to the pool's connection.
 *
 * @author Chanuka Database
 */
final class ReplicaConnection extends LentConnection {

	private static final Log logger = LogFactory.getLog(ReplicaConnection.class);

	private final String replica;

	ReplicaConnection(DatabaseNode replica, Connection target) {
		super(target, replica.borrowed());
		this.replica = replica.name();
	}

	@Override
	public void commit() throws SQLException {
		try {
			this.target.commit();
		}
		catch (SQLException ex) {
			if (!ignorable("COMMIT", ex)) {
				throw ex;
			}
		}
		catch (RuntimeException ex) {
			if (!ignorable("COMMIT", ex)) {
				throw ex;
			}
		}
	}

	@Override
	public void rollback() throws SQLException {
		try {
			this.target.rollback();
		}
		catch (SQLException ex) {
			if (!ignorable("ROLLBACK", ex)) {
				throw ex;
			}
		}
		catch (RuntimeException ex) {
			if (!ignorable("ROLLBACK", ex)) {
				throw ex;
			}
		}
	}

	private boolean ignorable(String end, Exception failure) {
		if (!DatabaseFailures.isConnectionFailure(failure)) {
			return false;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Ignored a failed " + end + " of a read-only transaction on replica " + this.replica
					+ ": a standby commits nothing", failure);
		}
		return true;
	}

}
