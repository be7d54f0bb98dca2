package io.github.chanuka.database.routing;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.Executor;

import io.github.chanuka.database.node.CommitLedger;
import io.github.chanuka.database.node.DelegatingConnection;
import io.github.chanuka.database.node.ReadOnlyQueries;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.ConnectionProxy;

/**
 * The connection {@link RoutingDataSource} hands out: Spring's
 * {@link org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy} contract in
 * a final class instead of a JDK proxy per transaction. Transaction settings (read-only,
 * auto-commit, isolation, holdability, catalog, schema, network timeout, client info)
 * are kept until a statement needs the database; then the connection is taken from the
 * read-only route when read-only was set, else from the primary's, and the kept
 * settings that differ from the defaults are applied. Commit, rollback and close of a
 * connection that never reached the database do nothing; after such a close, a call
 * that would need the database fails instead of taking a connection, while settings and
 * the kept values still answer, as with Spring's proxy. A connection held across
 * transactions (JPA's EntityManager open in view holds one for a whole request) gives
 * its connection back when read-only changes between transactions, so that each
 * transaction takes its own route.
 * <p>
 * When read-only transactions run per statement, a read-only transaction at READ
 * COMMITTED or below is answered here: {@code setAutoCommit(false)}, {@code commit()}
 * and {@code rollback()} leave the read-only target in autocommit, so each statement is
 * one round trip, until a statement needs the transaction (it is not a plain read, it
 * fetches with a cursor, it is a batch) or a savepoint or a higher isolation is asked
 * for: then the target begins a real transaction, which the rest of the application's
 * transaction runs in and which commits or rolls back for real.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
final class LazyRoutingConnection extends DelegatingConnection implements ConnectionProxy {

	/**
	 * Holdability of PostgreSQL's JDBC driver's connections.
	 */
	private static final int DRIVER_HOLDABILITY = ResultSet.CLOSE_CURSORS_AT_COMMIT;

	private final RoutingDataSource dataSource;

	private final KeptSettings settings;

	private @Nullable Connection target;

	private boolean closed;

	private boolean onReadOnlyRoute;

	private boolean transactionMayBeOpen;

	private final boolean perStatement;

	private boolean answeringTransaction;

	LazyRoutingConnection(RoutingDataSource dataSource) {
		this.dataSource = dataSource;
		this.settings = new KeptSettings(dataSource.defaultAutoCommit(), dataSource.defaultTransactionIsolation());
		this.perStatement = dataSource.isReadOnlyTransactionsPerStatement();
	}

	@Override
	protected Connection delegate() throws SQLException {
		Connection target = this.target;
		if (target == null) {
			if (this.closed) {
				throw new SQLException("Illegal operation: connection is closed");
			}
			target = connect();
		}
		this.transactionMayBeOpen = true;
		return target;
	}

	@Override
	public Connection getTargetConnection() {
		try {
			return delegate();
		}
		catch (SQLException ex) {
			throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", ex);
		}
	}

	private Connection connect() throws SQLException {
		boolean toReadOnlyRoute = this.settings.readOnly && this.dataSource.hasReadOnlyRoute();
		Connection connection = toReadOnlyRoute
				? this.dataSource.readOnlyConnection(this.settings.transactionIsolation)
				: this.dataSource.obtainTargetDataSource().getConnection();
		if (connection == null) {
			throw new IllegalStateException("DataSource returned null from getConnection()");
		}
		try {
			this.settings.applyTo(connection, this.dataSource, this.answeringTransaction);
		}
		catch (SQLException | RuntimeException ex) {
			try {
				giveBack(connection);
			}
			catch (SQLException | RuntimeException closeEx) {
				ex.addSuppressed(closeEx);
			}
			throw ex;
		}
		this.target = connection;
		this.onReadOnlyRoute = toReadOnlyRoute;
		return connection;
	}

	/**
	 * Whether a read-only transaction begun now can be answered here: read-only
	 * transactions run per statement, this one is read-only at READ COMMITTED or below,
	 * and its target, if taken, is a read-only connection.
	 */
	private boolean canAnswerTransaction() {
		Integer isolation = this.settings.transactionIsolation;
		return this.perStatement && this.settings.readOnly
				&& (isolation == null || isolation <= Connection.TRANSACTION_READ_COMMITTED)
				&& (this.target == null || this.onReadOnlyRoute);
	}

	/**
	 * Begin the real transaction of a read-only transaction answered so far: the driver
	 * sends {@code BEGIN} with the next statement. Without a target, the next one is
	 * taken with auto-commit off.
	 */
	private void beginTransaction() throws SQLException {
		this.answeringTransaction = false;
		if (this.target != null) {
			this.target.setAutoCommit(false);
		}
	}

	/**
	 * Called by the statements of a read-only transaction before each {@code execute*}:
	 * a statement that is not a plain read, fetches with a cursor (which the driver does
	 * only inside a transaction) or runs a batch of statements begins the transaction.
	 */
	void executing(@Nullable String sql, Statement statement) throws SQLException {
		if (this.answeringTransaction
				&& (sql == null || statement.getFetchSize() > 0 || !ReadOnlyQueries.isPlainRead(sql))) {
			beginTransaction();
		}
	}

	/**
	 * Give the target back and return to "not connected": the kept settings are applied
	 * to the next target, taken on the route of the next transaction.
	 */
	private void release(Connection target) throws SQLException {
		this.target = null;
		this.transactionMayBeOpen = false;
		giveBack(target);
	}

	private void giveBack(Connection target) throws SQLException {
		try {
			this.settings.restore(target);
		}
		finally {
			target.close();
		}
	}

	/**
	 * Whether the target is between transactions: nothing went to it since its last
	 * commit or rollback, auto-commit is on, or the pool closed it after it failed.
	 */
	private boolean isBetweenTransactions(Connection target) throws SQLException {
		return !this.transactionMayBeOpen || target.isClosed() || target.getAutoCommit();
	}

	@Override
	public Statement createStatement() throws SQLException {
		return watch(super.createStatement());
	}

	@Override
	public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
		return watch(super.createStatement(resultSetType, resultSetConcurrency));
	}

	@Override
	public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
			throws SQLException {
		return watch(super.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability));
	}

	@Override
	public PreparedStatement prepareStatement(String sql) throws SQLException {
		return watch(super.prepareStatement(sql), sql);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
			throws SQLException {
		return watch(super.prepareStatement(sql, resultSetType, resultSetConcurrency), sql);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
			int resultSetHoldability) throws SQLException {
		return watch(super.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability), sql);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
		return watch(super.prepareStatement(sql, autoGeneratedKeys), sql);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
		return watch(super.prepareStatement(sql, columnIndexes), sql);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
		return watch(super.prepareStatement(sql, columnNames), sql);
	}

	@Override
	public CallableStatement prepareCall(String sql) throws SQLException {
		return watch(super.prepareCall(sql), sql);
	}

	@Override
	public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
			throws SQLException {
		return watch(super.prepareCall(sql, resultSetType, resultSetConcurrency), sql);
	}

	@Override
	public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
			int resultSetHoldability) throws SQLException {
		return watch(super.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability), sql);
	}

	/**
	 * The ledger to tell when a statement returns, while a read-only rerun watches the
	 * attempt of this read-only transaction, so that it knows whether results already
	 * reached the application; otherwise {@code null}.
	 */
	private @Nullable CommitLedger watchingLedger() {
		CommitLedger ledger = this.dataSource.commitLedger();
		return (this.settings.readOnly && ledger != null && ledger.isWatchingResults()) ? ledger : null;
	}

	/**
	 * Whether the statements of a read-only transaction are wrapped: when a rerun
	 * watches them or when read-only transactions run per statement; otherwise they go
	 * unwrapped.
	 */
	private boolean wraps(@Nullable CommitLedger ledger) {
		return ledger != null || (this.perStatement && this.settings.readOnly);
	}

	private Statement watch(Statement statement) {
		CommitLedger ledger = watchingLedger();
		return wraps(ledger) ? new ReadOnlyStatement(statement, this, ledger) : statement;
	}

	private PreparedStatement watch(PreparedStatement statement, String sql) {
		CommitLedger ledger = watchingLedger();
		return wraps(ledger) ? new ReadOnlyPreparedStatement(statement, sql, this, ledger) : statement;
	}

	private CallableStatement watch(CallableStatement statement, String sql) {
		CommitLedger ledger = watchingLedger();
		return wraps(ledger) ? new ReadOnlyCallableStatement(statement, sql, this, ledger) : statement;
	}

	@Override
	public void setReadOnly(boolean readOnly) throws SQLException {
		Connection target = this.target;
		if (target != null && target.isClosed()) {
			// the pool closed it after it failed: the next transaction needs a new one anyway
			release(target);
		}
		else if (target != null && !this.dataSource.hasReadOnlyRoute()) {
			target.setReadOnly(readOnly);
		}
		else if (target != null) {
			if (readOnly == this.onReadOnlyRoute || !isBetweenTransactions(target)) {
				// the route stays: inside a transaction the hint is dropped, as Spring's proxy does
				return;
			}
			try {
				release(target);
			}
			finally {
				this.settings.readOnly = readOnly;
			}
		}
		else {
			this.settings.readOnly = readOnly;
		}
		if (this.answeringTransaction && !canAnswerTransaction()) {
			beginTransaction();
		}
	}

	@Override
	public boolean isReadOnly() throws SQLException {
		return (this.target != null) ? this.target.isReadOnly() : this.settings.readOnly;
	}

	@Override
	public void setAutoCommit(boolean autoCommit) throws SQLException {
		this.settings.autoCommit = autoCommit;
		Connection target = this.target;
		if (target != null && target.isClosed()) {
			// a transaction begins or ends on a connection the pool closed after it failed
			release(target);
			target = null;
		}
		boolean answering = this.answeringTransaction;
		this.answeringTransaction = !autoCommit && canAnswerTransaction()
				&& (answering || target == null || target.getAutoCommit());
		if (target != null && !this.answeringTransaction && !(autoCommit && answering)) {
			target.setAutoCommit(autoCommit);
		}
	}

	@Override
	public boolean getAutoCommit() throws SQLException {
		if (this.answeringTransaction) {
			return false;
		}
		if (this.target != null) {
			return this.target.getAutoCommit();
		}
		return (this.settings.autoCommit != null) ? this.settings.autoCommit : delegate().getAutoCommit();
	}

	@Override
	public void setTransactionIsolation(int level) throws SQLException {
		this.settings.transactionIsolation = level;
		if (this.target != null) {
			this.target.setTransactionIsolation(level);
		}
		if (this.answeringTransaction && !canAnswerTransaction()) {
			beginTransaction();
		}
	}

	@Override
	public int getTransactionIsolation() throws SQLException {
		Integer kept = this.settings.transactionIsolation;
		return (this.target == null && kept != null) ? kept : delegate().getTransactionIsolation();
	}

	@Override
	public void setHoldability(int holdability) throws SQLException {
		this.settings.holdability = holdability;
		if (this.target != null) {
			this.settings.changingHoldability(this.target);
			this.target.setHoldability(holdability);
		}
	}

	@Override
	public int getHoldability() throws SQLException {
		if (this.target != null) {
			return this.target.getHoldability();
		}
		return (this.settings.holdability != null) ? this.settings.holdability : DRIVER_HOLDABILITY;
	}

	@Override
	public void setCatalog(String catalog) throws SQLException {
		this.settings.catalog = catalog;
		if (this.target != null) {
			this.target.setCatalog(catalog);
		}
	}

	@Override
	public String getCatalog() throws SQLException {
		String kept = this.settings.catalog;
		return (this.target == null && kept != null) ? kept : delegate().getCatalog();
	}

	@Override
	public void setSchema(String schema) throws SQLException {
		this.settings.schema = schema;
		if (this.target != null) {
			this.target.setSchema(schema);
		}
	}

	@Override
	public String getSchema() throws SQLException {
		String kept = this.settings.schema;
		return (this.target == null && kept != null) ? kept : delegate().getSchema();
	}

	@Override
	public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
		this.settings.networkTimeoutExecutor = executor;
		this.settings.networkTimeout = milliseconds;
		if (this.target != null) {
			this.target.setNetworkTimeout(executor, milliseconds);
		}
	}

	@Override
	public int getNetworkTimeout() throws SQLException {
		Integer kept = this.settings.networkTimeout;
		return (this.target == null && kept != null) ? kept : delegate().getNetworkTimeout();
	}

	@Override
	public void setClientInfo(String name, String value) throws SQLClientInfoException {
		this.settings.clientInfo(name, value);
		if (this.target != null) {
			try {
				this.settings.changingClientInfo(this.target, name);
			}
			catch (SQLException ex) {
				throw new SQLClientInfoException(ex.getMessage(), Map.of(), ex);
			}
			this.target.setClientInfo(name, value);
		}
	}

	@Override
	public Savepoint setSavepoint() throws SQLException {
		if (this.answeringTransaction) {
			beginTransaction();
		}
		return super.setSavepoint();
	}

	@Override
	public Savepoint setSavepoint(String name) throws SQLException {
		if (this.answeringTransaction) {
			beginTransaction();
		}
		return super.setSavepoint(name);
	}

	@Override
	public void commit() throws SQLException {
		if (this.answeringTransaction) {
			// every statement so far committed on its own: nothing is left to end
			this.transactionMayBeOpen = false;
			return;
		}
		if (this.target != null) {
			this.target.commit();
			this.transactionMayBeOpen = false;
		}
	}

	@Override
	public void rollback() throws SQLException {
		if (this.answeringTransaction) {
			this.transactionMayBeOpen = false;
			return;
		}
		// a connection closed meanwhile (a resource timeout) is left alone, as Spring does
		if (this.target != null && !this.target.isClosed()) {
			this.target.rollback();
			this.transactionMayBeOpen = false;
		}
	}

	@Override
	public void rollback(Savepoint savepoint) throws SQLException {
		if (this.target != null && !this.target.isClosed()) {
			this.target.rollback(savepoint);
		}
	}

	@Override
	public @Nullable SQLWarning getWarnings() throws SQLException {
		return (this.target != null) ? this.target.getWarnings() : null;
	}

	@Override
	public void clearWarnings() throws SQLException {
		if (this.target != null) {
			this.target.clearWarnings();
		}
	}

	@Override
	public void close() throws SQLException {
		Connection target = this.target;
		this.target = null;
		this.closed = true;
		this.answeringTransaction = false;
		if (target != null) {
			giveBack(target);
		}
	}

	@Override
	public boolean isClosed() throws SQLException {
		return (this.target != null) ? this.target.isClosed() : this.closed;
	}

	@Override
	public String toString() {
		return (this.target != null) ? "Lazy routing connection to " + this.target
				: "Lazy routing connection, not yet connected";
	}

}
