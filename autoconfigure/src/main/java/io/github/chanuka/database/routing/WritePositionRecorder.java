package io.github.chanuka.database.routing;

import java.sql.Connection;

import io.github.chanuka.database.node.CommitListener;

/**
 * Causal read-your-writes at the source: every commit on the primary that may have
 * changed data, on whatever path, and every commit whose outcome is unknown, marks the
 * thread as having written, at no cost: no statement is run. The position is read when
 * a read first needs it (see {@link PrimaryPosition}).
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class WritePositionRecorder implements CommitListener {

	private final RoutingContext context;

	/**
	 * Create a recorder.
	 * @param context where the thread's writes are recorded
	 */
	public WritePositionRecorder(RoutingContext context) {
		this.context = context;
	}

	@Override
	public void committed(Connection connection) {
		this.context.recordWrite();
	}

	@Override
	public void outcomeUnknown() {
		this.context.recordWrite();
	}

}
