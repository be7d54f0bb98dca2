package io.github.chanuka.database.metrics;

import java.sql.Statement;

/**
 * A {@link Statement} of a {@link TimedConnection}, whose {@code execute*} calls are
 * timed.
 *
 * @author Chanuka Database
 */
final class TimedStatement extends AbstractTimedStatement<Statement> {

	TimedStatement(Statement target, TimedConnection connection, StatementTimer timer) {
		super(target, null, connection, timer);
	}

}
