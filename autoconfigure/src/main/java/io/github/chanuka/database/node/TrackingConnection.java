package io.github.chanuka.database.node;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.jspecify.annotations.Nullable;

/**
 * A primary's connection whose commits {@link CommitTrackingDecorator} tells its
 * listeners about: {@code commit()}, {@code setAutoCommit(true)} in an open transaction
 * and autocommit statements that may write, each told only once it returned, and told
 * as an unknown outcome when the connection failed during it. Its statements report
 * their {@code execute*} calls here.
 *
 * @author Chanuka Database
 */
final class TrackingConnection extends DelegatingConnection {

	/**
	 * An execution with nothing to tell: in a transaction, or on a read-only connection.
	 */
	private static final long UNTOLD = 0;

	/**
	 * An autocommit query that only reads, unless it calls a function that writes:
	 * interrupted, its outcome is unknown.
	 */
	private static final long READ = 1;

	/**
	 * An autocommit statement that may write: it commits when it returns.
	 */
	private static final long WRITE = 2;

	private final Connection target;

	private final CommitTrackingDecorator listeners;

	private boolean autoCommit;

	private boolean statementsSinceBoundary;

	private boolean writesOutsideStatements;

	TrackingConnection(Connection target, boolean autoCommit, CommitTrackingDecorator listeners) {
		this.target = target;
		this.autoCommit = autoCommit;
		this.listeners = listeners;
	}

	@Override
	protected Connection delegate() {
		return this.target;
	}

	@Override
	public void commit() throws SQLException {
		boolean counts = this.statementsSinceBoundary && !this.target.isReadOnly();
		this.statementsSinceBoundary = false;
		if (!counts) {
			this.target.commit();
			return;
		}
		try {
			this.target.commit();
		}
		catch (Throwable ex) {
			interrupted(ex);
			throw ex;
		}
		this.listeners.committed(this.target);
	}

	@Override
	public void rollback() throws SQLException {
		this.statementsSinceBoundary = false;
		this.target.rollback();
	}

	@Override
	public void setAutoCommit(boolean autoCommit) throws SQLException {
		// switching autocommit on commits the open transaction
		boolean counts = autoCommit && !this.autoCommit && this.statementsSinceBoundary
				&& !this.target.isReadOnly();
		if (!counts) {
			this.target.setAutoCommit(autoCommit);
		}
		else {
			try {
				this.target.setAutoCommit(autoCommit);
			}
			catch (Throwable ex) {
				interrupted(ex);
				throw ex;
			}
			this.listeners.committed(this.target);
		}
		this.autoCommit = autoCommit;
		if (autoCommit) {
			this.statementsSinceBoundary = false;
		}
	}

	/**
	 * Hand out the driver's own connection, whose APIs (COPY, large objects) write
	 * through no tracked statement: from then on the connection may have written.
	 */
	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		if (iface.isInstance(this)) {
			return iface.cast(this);
		}
		T unwrapped = this.target.unwrap(iface);
		mayWriteOutsideStatements();
		return unwrapped;
	}

	@Override
	public void close() throws SQLException {
		try {
			if (this.writesOutsideStatements) {
				this.writesOutsideStatements = false;
				this.listeners.committed(this.target);
			}
		}
		finally {
			this.target.close();
		}
	}

	/**
	 * Called before a statement of this connection runs an {@code execute*} call.
	 * @param sql the SQL it runs, or {@code null} when unknown
	 * @param query whether the call is an {@code executeQuery}
	 * @param updatable whether the statement's result sets are updatable
	 * @return what to tell when the call returns or fails
	 */
	long executing(@Nullable String sql, boolean query, boolean updatable) throws SQLException {
		if (!this.autoCommit) {
			this.statementsSinceBoundary = true;
			return UNTOLD;
		}
		if (this.target.isReadOnly()) {
			return UNTOLD;
		}
		boolean reads = query && !updatable && sql != null && ReadOnlyQueries.isReadOnly(sql);
		return reads ? READ : WRITE;
	}

	void executed(long execution, boolean updatable) throws SQLException {
		if (execution == WRITE) {
			this.listeners.committed(this.target);
		}
		if (updatable) {
			mayWriteOutsideStatements();
		}
	}

	void failed(long execution, Throwable failure) {
		if (execution != UNTOLD) {
			interrupted(failure);
		}
	}

	private void interrupted(Throwable failure) {
		if (DatabaseFailures.isConnectionFailure(failure)) {
			this.listeners.outcomeUnknown();
		}
	}

	/**
	 * In a transaction its commit counts; in autocommit, every write commits at once
	 * where no statement sees it, so the attempt counts a commit now; and whatever the
	 * mode (the driver's object may be used again later), a commit is counted again when
	 * the connection is closed.
	 */
	private void mayWriteOutsideStatements() throws SQLException {
		this.writesOutsideStatements = true;
		if (!this.autoCommit) {
			this.statementsSinceBoundary = true;
		}
		else if (!this.target.isReadOnly()) {
			this.listeners.committed(this.target);
		}
	}

	@Override
	public Statement createStatement() throws SQLException {
		return new TrackingStatement(this.target.createStatement(), this, false);
	}

	@Override
	public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
		return new TrackingStatement(this.target.createStatement(resultSetType, resultSetConcurrency), this,
				updatable(resultSetConcurrency));
	}

	@Override
	public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
			throws SQLException {
		return new TrackingStatement(
				this.target.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability), this,
				updatable(resultSetConcurrency));
	}

	@Override
	public PreparedStatement prepareStatement(String sql) throws SQLException {
		return new TrackingPreparedStatement(this.target.prepareStatement(sql), sql, this, false);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
			throws SQLException {
		return new TrackingPreparedStatement(this.target.prepareStatement(sql, resultSetType, resultSetConcurrency),
				sql, this, updatable(resultSetConcurrency));
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
			int resultSetHoldability) throws SQLException {
		return new TrackingPreparedStatement(
				this.target.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability), sql,
				this, updatable(resultSetConcurrency));
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
		return new TrackingPreparedStatement(this.target.prepareStatement(sql, autoGeneratedKeys), sql, this, false);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
		return new TrackingPreparedStatement(this.target.prepareStatement(sql, columnIndexes), sql, this, false);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
		return new TrackingPreparedStatement(this.target.prepareStatement(sql, columnNames), sql, this, false);
	}

	@Override
	public CallableStatement prepareCall(String sql) throws SQLException {
		return new TrackingCallableStatement(this.target.prepareCall(sql), sql, this, false);
	}

	@Override
	public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
			throws SQLException {
		return new TrackingCallableStatement(this.target.prepareCall(sql, resultSetType, resultSetConcurrency), sql,
				this, updatable(resultSetConcurrency));
	}

	@Override
	public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
			int resultSetHoldability) throws SQLException {
		return new TrackingCallableStatement(
				this.target.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability), sql, this,
				updatable(resultSetConcurrency));
	}

	/**
	 * Whether result sets of this concurrency are updatable: their {@code updateRow},
	 * {@code insertRow} and {@code deleteRow} write through no statement call.
	 */
	private static boolean updatable(int resultSetConcurrency) {
		return resultSetConcurrency == ResultSet.CONCUR_UPDATABLE;
	}

	@Override
	public String toString() {
		return this.target.toString();
	}

}
