package io.github.chanuka.database.routing;

import java.sql.Statement;
import java.sql.Connection;
import java.sql.SQLException;

import io.github.chanuka.database.node.CommitLedger;
import io.github.chanuka.database.node.DelegatingStatement;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Statement} of a read-only transaction that a read-only rerun watches: each
 * {@code execute*} call that returns tells the {@link CommitLedger} that results may
 * have reached the application, so that the rerun never delivers them twice.
 *
 * @author Chanuka Database
 */
final class WatchedStatement extends DelegatingStatement<Statement> {

	private final CommitLedger ledger;

	WatchedStatement(Statement target, Connection connection, CommitLedger ledger) {
		super(target, connection);
		this.ledger = ledger;
	}

	@Override
	protected long executing(@Nullable String sql, boolean query) {
		return 0;
	}

	@Override
	protected void executed(long before, @Nullable String sql) {
		this.ledger.resultsReturned();
	}

	@Override
	protected void failed(long before, @Nullable String sql, Throwable failure) {
	}

}
