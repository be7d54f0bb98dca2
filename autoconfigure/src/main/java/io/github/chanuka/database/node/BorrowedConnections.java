package io.github.chanuka.database.node;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The connections a replica has lent for read-only transactions, so that they can be
 * aborted when the replica stops answering: a caller blocked on a server that no longer
 * responds (paused, or cut off by a partition that drops packets) would otherwise wait
 * for as long as the server stays silent, since pools set no socket timeout. Aborting is
 * safe only because a standby cannot commit anything: the aborted read fails with a
 * connection failure and is retried elsewhere. Primary connections are never tracked.
 * <p>
 * A list linked through the {@link LentConnection} wrappers themselves: lending and
 * returning allocate nothing.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public final class BorrowedConnections {

	private static final Log logger = LogFactory.getLog(BorrowedConnections.class);

	private @Nullable LentConnection head;

	private int sweeps;

	synchronized void lent(LentConnection connection) {
		connection.lentInSweep = this.sweeps;
		connection.next = this.head;
		if (this.head != null) {
			this.head.previous = connection;
		}
		this.head = connection;
	}

	synchronized void returned(LentConnection connection) {
		if (connection.previous == null && this.head != connection) {
			return;
		}
		if (connection.previous != null) {
			connection.previous.next = connection.next;
		}
		else {
			this.head = connection.next;
		}
		if (connection.next != null) {
			connection.next.previous = connection.previous;
		}
		connection.previous = null;
		connection.next = null;
	}

	/**
	 * Mark the end of a sweep period and return whether a connection lent before the
	 * previous mark is still out: a read has run for at least one whole period.
	 * @return whether a connection has stayed out a whole period
	 */
	synchronized boolean heldSinceLastSweep() {
		int previous = this.sweeps++;
		for (LentConnection connection = this.head; connection != null; connection = connection.next) {
			if (connection.lentInSweep < previous) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return how many connections are lent now.
	 * @return the number of lent connections
	 */
	public synchronized int size() {
		int size = 0;
		for (LentConnection connection = this.head; connection != null; connection = connection.next) {
			size++;
		}
		return size;
	}

	/**
	 * Abort every connection still lent: each closes its socket at once, so a caller
	 * blocked reading from it fails with a connection failure. A connection returned
	 * while the sweep runs is left alone, and so is the borrower the pool lends it to
	 * next.
	 * @param replica the replica's name, for the log
	 * @return how many connections were aborted
	 */
	int abortAll(String replica) {
		List<LentConnection> lent = new ArrayList<>();
		synchronized (this) {
			for (LentConnection connection = this.head; connection != null; connection = connection.next) {
				lent.add(connection);
			}
		}
		int aborted = 0;
		for (LentConnection connection : lent) {
			try {
				if (connection.abortIfLent()) {
					aborted++;
				}
			}
			catch (SQLException | RuntimeException ex) {
				logger.debug("Could not abort a connection of replica " + replica + ": " + ex.getMessage());
			}
			returned(connection);
		}
		if (aborted > 0) {
			logger.warn("Aborted " + aborted + " read-only transaction(s) in flight on replica " + replica
					+ ", which stopped answering; they fail with a connection failure and are retried elsewhere");
		}
		return aborted;
	}

}
