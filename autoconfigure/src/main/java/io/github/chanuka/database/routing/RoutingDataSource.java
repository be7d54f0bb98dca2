package io.github.chanuka.database.routing;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.github.chanuka.database.node.CommitLedger;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * The application's {@code dataSource}: Spring's
 * {@link LazyConnectionDataSourceProxy} over the primary's route, with the
 * {@link ReplicaRouter} as its read-only data source, so that a transaction Spring
 * marks read-only ({@code Connection.setReadOnly(true)} before its first statement)
 * reads from a replica. Its connections are final {@link LazyRoutingConnection}s
 * instead of a JDK proxy and handler per transaction (144 bytes less garbage per
 * read-only transaction, about 416 per write, see BENCHMARKS.md); they follow the same
 * contract. Connections asked for
 * with other credentials are Spring's own.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class RoutingDataSource extends LazyConnectionDataSourceProxy {

	private @Nullable DataSource readOnlyRoute;

	private @Nullable CommitLedger commitLedger;

	private boolean readOnlyTransactionsPerStatement;

	/**
	 * Create a data source.
	 * @param primaryRoute where connections go unless Spring marks them read-only
	 * @param readOnlyRoute where read-only connections go, or {@code null} to send
	 * them to the primary as read-only connections
	 * @param defaultAutoCommit the pools' auto-commit mode
	 * @param defaultTransactionIsolation the pools' isolation level
	 */
	public RoutingDataSource(DataSource primaryRoute, @Nullable DataSource readOnlyRoute, boolean defaultAutoCommit,
			int defaultTransactionIsolation) {
		super(primaryRoute);
		setDefaultAutoCommit(defaultAutoCommit);
		setDefaultTransactionIsolation(defaultTransactionIsolation);
		if (readOnlyRoute != null) {
			setReadOnlyDataSource(readOnlyRoute);
		}
	}

	@Override
	public void setReadOnlyDataSource(@Nullable DataSource readOnlyDataSource) {
		super.setReadOnlyDataSource(readOnlyDataSource);
		this.readOnlyRoute = readOnlyDataSource;
	}

	@Override
	public Connection getConnection() throws SQLException {
		checkDefaultConnectionProperties();
		return new LazyRoutingConnection(this);
	}

	/**
	 * Set the ledger of retried attempts, which the statements of read-only
	 * transactions tell when they return results to the application, so that the
	 * read-only rerun never delivers results twice.
	 * @param commitLedger the ledger, or {@code null} when nothing is retried
	 */
	public void setCommitLedger(@Nullable CommitLedger commitLedger) {
		this.commitLedger = commitLedger;
	}

	/**
	 * Set whether read-only transactions at READ COMMITTED run statement by statement
	 * in autocommit on their read-only connection, one round trip each, with a real
	 * transaction begun when a statement needs one. The read-only route must then hand
	 * out connections that refuse writes in every statement.
	 * @param perStatement whether read-only transactions run per statement
	 */
	public void setReadOnlyTransactionsPerStatement(boolean perStatement) {
		if (perStatement && this.readOnlyRoute == null) {
			throw new IllegalStateException("Read-only transactions run per statement only on a read-only route "
					+ "whose connections refuse writes");
		}
		this.readOnlyTransactionsPerStatement = perStatement;
	}

	boolean isReadOnlyTransactionsPerStatement() {
		return this.readOnlyTransactionsPerStatement;
	}

	@Nullable CommitLedger commitLedger() {
		return this.commitLedger;
	}

	boolean hasReadOnlyRoute() {
		return this.readOnlyRoute != null;
	}

	/**
	 * Take a connection for a read-only transaction from the read-only route; one at
	 * SERIALIZABLE isolation comes from the primary, read-only, because a hot standby
	 * refuses serializable transactions ({@code 0A000}).
	 */
	Connection readOnlyConnection(@Nullable Integer isolation) throws SQLException {
		DataSource route = this.readOnlyRoute;
		if (route == null) {
			throw new IllegalStateException("No read-only route is configured");
		}
		if (isolation != null && isolation == Connection.TRANSACTION_SERIALIZABLE
				&& route instanceof ReplicaRouter router) {
			return router.primaryConnection(RoutingReason.FORCED);
		}
		return route.getConnection();
	}

	@Override
	protected @Nullable Boolean defaultAutoCommit() {
		return super.defaultAutoCommit();
	}

	@Override
	protected @Nullable Integer defaultTransactionIsolation() {
		return super.defaultTransactionIsolation();
	}

	@Override
	protected DataSource obtainTargetDataSource() {
		return super.obtainTargetDataSource();
	}

}
