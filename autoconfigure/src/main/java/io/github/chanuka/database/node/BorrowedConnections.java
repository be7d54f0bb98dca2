package io.github.chanuka.database.node;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The connections a replica has lent for read-only transactions, so that they can be
 * aborted when the replica stops answering: a caller blocked on a server that no longer
 * responds (paused, blackholed by a network partition) would otherwise wait for as long
 * as the server stays silent, since pools set no socket timeout. Aborting is safe only
 * because a standby cannot commit anything: the aborted read fails with a connection
 * failure and is retried elsewhere. Primary connections are never tracked.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public final class BorrowedConnections {

	private static final Log logger = LogFactory.getLog(BorrowedConnections.class);

	private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

	/**
	 * Track a connection taken from the replica's pool.
	 * @param connection the connection
	 */
	public void lent(Connection connection) {
		this.connections.add(connection);
	}

	/**
	 * Stop tracking a connection given back to the pool.
	 * @param connection the connection
	 */
	public void returned(Connection connection) {
		this.connections.remove(connection);
	}

	/**
	 * Abort every connection still lent: each closes its socket at once, so a caller
	 * blocked reading from it fails with a connection failure.
	 * @param replica the replica's name, for the log
	 * @return how many connections were aborted
	 */
	int abortAll(String replica) {
		int aborted = 0;
		for (Connection connection : this.connections) {
			try {
				connection.abort(Runnable::run);
				aborted++;
			}
			catch (SQLException | RuntimeException ex) {
				logger.debug("Could not abort a connection of replica " + replica + ": " + ex.getMessage());
			}
			this.connections.remove(connection);
		}
		if (aborted > 0) {
			logger.warn("Aborted " + aborted + " read-only transaction(s) in flight on replica " + replica
					+ ", which stopped answering; they fail with a connection failure and are retried elsewhere");
		}
		return aborted;
	}

}
