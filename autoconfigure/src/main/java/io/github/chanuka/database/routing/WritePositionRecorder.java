package io.github.chanuka.database.routing;

import java.sql.Connection;
import java.sql.SQLException;

import io.github.chanuka.database.node.CommitListener;
import io.github.chanuka.database.node.WalPositions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Causal read-your-writes at the source: after every commit on the primary that may
 * have changed data, on whatever path, reads the primary's WAL position on the same
 * connection (one round trip) and records it as the thread's token. When the position
 * cannot be read (the connection failed just after the commit), the token says so, and
 * the primary's position at the next read stands in for it.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class WritePositionRecorder implements CommitListener {

	private static final Log logger = LogFactory.getLog(WritePositionRecorder.class);

	private final RoutingContext context;

	private final PrimaryPosition primaryPosition;

	/**
	 * Create a recorder.
	 * @param context where the thread's token is kept
	 * @param primaryPosition told of every position read, so tokens up to it need no
	 * check
	 */
	public WritePositionRecorder(RoutingContext context, PrimaryPosition primaryPosition) {
		this.context = context;
		this.primaryPosition = primaryPosition;
	}

	@Override
	public void committed(Connection connection) {
		long position;
		try {
			position = WalPositions.current(connection);
			this.primaryPosition.observed(position);
		}
		catch (SQLException ex) {
			logger.debug("Could not read the primary's WAL position after a commit; the position at the next read "
					+ "stands in: " + ex.getMessage());
			position = RoutingContext.UNKNOWN_POSITION;
		}
		this.context.recordWrite(position);
	}

	@Override
	public void outcomeUnknown() {
		this.context.recordWrite(RoutingContext.UNKNOWN_POSITION);
	}

}
