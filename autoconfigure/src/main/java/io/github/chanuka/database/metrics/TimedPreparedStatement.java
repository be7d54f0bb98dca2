package io.github.chanuka.database.metrics;

import java.sql.PreparedStatement;

/**
 * A {@link PreparedStatement} of a {@link TimedConnection}, whose {@code execute*}
 * calls are timed with the SQL it was prepared with.
 *
 * @author Chanuka Database
 */
final class TimedPreparedStatement extends AbstractTimedPreparedStatement<PreparedStatement> {

	TimedPreparedStatement(PreparedStatement target, String sql, TimedConnection connection, StatementTimer timer) {
		super(target, sql, connection, timer);
	}

}
