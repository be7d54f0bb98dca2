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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

import io.github.chanuka.database.node.CommitLedger;
import io.github.chanuka.database.node.DelegatingConnection;
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
 * the kept values still answer, as with Spring's proxy.
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

	private @Nullable Connection target;

	private boolean readOnly;

	private @Nullable Boolean autoCommit;

	private @Nullable Integer transactionIsolation;

	private @Nullable Integer holdability;

	private @Nullable Integer holdabilityToRestore;

	private @Nullable String catalog;

	private @Nullable String schema;

	private @Nullable Executor networkTimeoutExecutor;

	private @Nullable Integer networkTimeout;

	private @Nullable Map<String, String> clientInfo;

	private boolean closed;

	private boolean onReadOnlyRoute;

	private boolean transactionMayBeOpen;

	LazyRoutingConnection(RoutingDataSource dataSource) {
		this.dataSource = dataSource;
		this.autoCommit = dataSource.defaultAutoCommit();
		this.transactionIsolation = dataSource.defaultTransactionIsolation();
	}

	@Override
	protected Connection delegate() throws SQLException {
		Connection target = this.target;
		if (target != null) {
			this.transactionMayBeOpen = true;
			return target;
		}
		if (this.closed) {
			throw new SQLException("Illegal operation: connection is closed");
		}
		this.transactionMayBeOpen = true;
		return connect();
	}

	@Override
	public Connection getTargetConnection() {
		try {
			return (this.target != null) ? this.target : connect();
		}
		catch (SQLException ex) {
			throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", ex);
		}
	}

	private Connection connect() throws SQLException {
		boolean toReadOnlyRoute = this.readOnly && this.dataSource.hasReadOnlyRoute();
		Connection connection = toReadOnlyRoute ? this.dataSource.readOnlyConnection(this.transactionIsolation)
				: this.dataSource.obtainTargetDataSource().getConnection();
		if (connection == null) {
			throw new IllegalStateException("DataSource returned null from getConnection()");
		}
		try {
			applySettings(connection);
		}
		catch (SQLException ex) {
			throw Connections.closeAfter(connection, ex);
		}
		catch (RuntimeException ex) {
			throw Connections.closeAfter(connection, ex);
		}
		this.target = connection;
		this.onReadOnlyRoute = toReadOnlyRoute;
		return connection;
	}

	/**
	 * Give the connection back once the transaction that wanted its route has ended, so
	 * that a connection held across transactions (an EntityManager open in view) takes
	 * the route of the next one; the kept settings are applied to the next target.
	 */
	private void release(Connection target) throws SQLException {
		this.target = null;
		this.transactionMayBeOpen = false;
		giveBack(target);
	}

	/**
	 * Close a target, first undoing a holdability this connection set: the pool does not
	 * reset it for the next borrower.
	 */
	private void giveBack(Connection target) throws SQLException {
		Integer holdability = this.holdabilityToRestore;
		this.holdabilityToRestore = null;
		try {
			if (holdability != null && !target.isClosed()) {
				target.setHoldability(holdability);
			}
		}
		finally {
			target.close();
		}
	}

	private boolean isBetweenTransactions(Connection target) throws SQLException {
		// a target the pool closed after it failed holds no transaction any more
		return !this.transactionMayBeOpen || target.isClosed() || target.getAutoCommit();
	}

	private void applySettings(Connection connection) throws SQLException {
		if (this.catalog != null) {
			connection.setCatalog(this.catalog);
		}
		if (this.schema != null) {
			connection.setSchema(this.schema);
		}
		if (this.holdability != null && this.holdability != connection.getHoldability()) {
			this.holdabilityToRestore = connection.getHoldability();
			connection.setHoldability(this.holdability);
		}
		if (this.readOnly && !this.dataSource.hasReadOnlyRoute()) {
			setReadOnlyIfPossible(connection);
		}
		if (this.transactionIsolation != null
				&& !this.transactionIsolation.equals(this.dataSource.defaultTransactionIsolation())) {
			connection.setTransactionIsolation(this.transactionIsolation);
		}
		if (this.autoCommit != null && !this.autoCommit.equals(this.dataSource.defaultAutoCommit())) {
			connection.setAutoCommit(this.autoCommit);
		}
		if (this.networkTimeout != null) {
			connection.setNetworkTimeout(this.networkTimeoutExecutor, this.networkTimeout);
		}
		if (this.clientInfo != null) {
			for (Map.Entry<String, String> entry : this.clientInfo.entrySet()) {
				connection.setClientInfo(entry.getKey(), entry.getValue());
			}
		}
	}

	/**
	 * Mark a connection read-only; like Spring, a driver that refuses the hint is
	 * ignored, unless the failure is a timeout.
	 */
	private static void setReadOnlyIfPossible(Connection connection) throws SQLException {
		try {
			connection.setReadOnly(true);
		}
		catch (SQLException | RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause.getClass().getSimpleName().contains("Timeout")) {
					throw ex;
				}
			}
		}
	}

	@Override
	public Statement createStatement() throws SQLException {
		return watched(Statement.class, super.createStatement());
	}

	@Override
	public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
		return watched(Statement.class, super.createStatement(resultSetType, resultSetConcurrency));
	}

	@Override
	public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
			throws SQLException {
		return watched(Statement.class, super.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability));
	}

	@Override
	public PreparedStatement prepareStatement(String sql) throws SQLException {
		return watched(PreparedStatement.class, super.prepareStatement(sql));
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
			throws SQLException {
		return watched(PreparedStatement.class, super.prepareStatement(sql, resultSetType, resultSetConcurrency));
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
			int resultSetHoldability) throws SQLException {
		return watched(PreparedStatement.class, super.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability));
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
		return watched(PreparedStatement.class, super.prepareStatement(sql, autoGeneratedKeys));
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
		return watched(PreparedStatement.class, super.prepareStatement(sql, columnIndexes));
	}

	@Override
	public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
		return watched(PreparedStatement.class, super.prepareStatement(sql, columnNames));
	}

	@Override
	public CallableStatement prepareCall(String sql) throws SQLException {
		return watched(CallableStatement.class, super.prepareCall(sql));
	}

	@Override
	public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
			throws SQLException {
		return watched(CallableStatement.class, super.prepareCall(sql, resultSetType, resultSetConcurrency));
	}

	@Override
	public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
			int resultSetHoldability) throws SQLException {
		return watched(CallableStatement.class, super.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability));
	}

	/**
	 * Watch a read-only transaction's statement while a retried attempt is open, so
	 * that a rerun knows whether results already reached the application.
	 */
	private <S extends Statement> S watched(Class<S> type, S statement) {
		CommitLedger ledger = this.dataSource.commitLedger();
		if (!this.readOnly || ledger == null || !ledger.isAttemptOpen()) {
			return statement;
		}
		return ResultWatchingStatement.wrap(type, statement, ledger);
	}

	@Override
	public void setReadOnly(boolean readOnly) throws SQLException {
		Connection target = this.target;
		if (target != null) {
			if (!this.dataSource.hasReadOnlyRoute()) {
				target.setReadOnly(readOnly);
			}
			else if (readOnly != this.onReadOnlyRoute && isBetweenTransactions(target)) {
				release(target);
			}
			else {
				// inside a transaction the route stays: the hint is dropped as Spring's proxy does
				return;
			}
		}
		this.readOnly = readOnly;
	}

	@Override
	public boolean isReadOnly() throws SQLException {
		return (this.target != null) ? this.target.isReadOnly() : this.readOnly;
	}

	@Override
	public void setAutoCommit(boolean autoCommit) throws SQLException {
		if (this.target != null) {
			this.target.setAutoCommit(autoCommit);
		}
		this.autoCommit = autoCommit;
	}

	@Override
	public boolean getAutoCommit() throws SQLException {
		if (this.target != null) {
			return this.target.getAutoCommit();
		}
		return (this.autoCommit != null) ? this.autoCommit : delegate().getAutoCommit();
	}

	@Override
	public void setTransactionIsolation(int level) throws SQLException {
		if (this.target != null) {
			this.target.setTransactionIsolation(level);
		}
		this.transactionIsolation = level;
	}

	@Override
	public int getTransactionIsolation() throws SQLException {
		return (this.target == null && this.transactionIsolation != null) ? this.transactionIsolation
				: delegate().getTransactionIsolation();
	}

	@Override
	public void setHoldability(int holdability) throws SQLException {
		if (this.target != null) {
			if (this.holdabilityToRestore == null) {
				this.holdabilityToRestore = this.target.getHoldability();
			}
			this.target.setHoldability(holdability);
		}
		else {
			checkOpen();
		}
		this.holdability = holdability;
	}

	@Override
	public int getHoldability() throws SQLException {
		if (this.target != null) {
			return this.target.getHoldability();
		}
		return (this.holdability != null) ? this.holdability : DRIVER_HOLDABILITY;
	}

	@Override
	public void setCatalog(String catalog) throws SQLException {
		if (this.target != null) {
			this.target.setCatalog(catalog);
		}
		else {
			checkOpen();
		}
		this.catalog = catalog;
	}

	@Override
	public String getCatalog() throws SQLException {
		return (this.target == null && this.catalog != null) ? this.catalog : delegate().getCatalog();
	}

	@Override
	public void setSchema(String schema) throws SQLException {
		if (this.target != null) {
			this.target.setSchema(schema);
		}
		else {
			checkOpen();
		}
		this.schema = schema;
	}

	@Override
	public String getSchema() throws SQLException {
		return (this.target == null && this.schema != null) ? this.schema : delegate().getSchema();
	}

	@Override
	public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
		if (this.target != null) {
			this.target.setNetworkTimeout(executor, milliseconds);
		}
		else {
			checkOpen();
		}
		this.networkTimeoutExecutor = executor;
		this.networkTimeout = milliseconds;
	}

	@Override
	public int getNetworkTimeout() throws SQLException {
		return (this.target == null && this.networkTimeout != null) ? this.networkTimeout
				: delegate().getNetworkTimeout();
	}

	@Override
	public void setClientInfo(String name, String value) throws SQLClientInfoException {
		if (this.target != null) {
			this.target.setClientInfo(name, value);
		}
		else if (this.closed) {
			throw new SQLClientInfoException("Illegal operation: connection is closed", Map.of());
		}
		if (this.clientInfo == null) {
			this.clientInfo = new LinkedHashMap<>();
		}
		this.clientInfo.put(name, value);
	}

	private void checkOpen() throws SQLException {
		if (this.closed) {
			throw new SQLException("Illegal operation: connection is closed");
		}
	}

	@Override
	public void commit() throws SQLException {
		if (this.target != null) {
			this.target.commit();
			this.transactionMayBeOpen = false;
		}
	}

	@Override
	public void rollback() throws SQLException {
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
		if (this.target != null) {
			giveBack(this.target);
		}
		else {
			this.closed = true;
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
