package io.github.chanuka.database.routing;

import java.sql.CallableStatement;
import java.sql.SQLException;

import io.github.chanuka.database.node.CommitLedger;
import io.github.chanuka.database.node.DelegatingCallableStatement;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CallableStatement} of a read-only transaction: before each {@code execute*} call
 * the {@link LazyRoutingConnection} that made it may begin the transaction it has
 * answered so far (one round trip per statement); each call that returns tells the
 * {@link CommitLedger} of a read-only rerun, when one watches, that results may have
 * reached the application, so that the rerun never delivers them twice.
 *
 * @author Chanuka Database
 */
final class ReadOnlyCallableStatement extends DelegatingCallableStatement {

	private final LazyRoutingConnection connection;

	private final @Nullable CommitLedger ledger;

	ReadOnlyCallableStatement(CallableStatement target, String sql, LazyRoutingConnection connection, @Nullable CommitLedger ledger) {
		super(target, sql, connection);
		this.connection = connection;
		this.ledger = ledger;
	}

	@Override
	protected long executing(@Nullable String sql, boolean query) throws SQLException {
		this.connection.executing(sql, this);
		return 0;
	}

	@Override
	protected void executed(long before, @Nullable String sql) {
		if (this.ledger != null) {
			this.ledger.resultsReturned();
		}
	}

	@Override
	protected void failed(long before, @Nullable String sql, Throwable failure) {
	}

}
