package io.github.chanuka.database.node;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Tells {@link CommitListener}s, such as the {@link CommitLedger} of retries and the
 * read-your-writes position recorder, about every commit on the primary's connections,
 * the layer every write path crosses. A commit counts when the transaction ran a statement; an autocommit
 * statement counts unless it is a query that only reads ({@code executeQuery} of a
 * {@code SELECT}, {@code SHOW}, {@code VALUES}, {@code TABLE} or a {@code WITH} query
 * without a data-changing part). When the connection fails during either, the outcome
 * is recorded as unknown. Read-only transactions and replicas commit nothing, so only
 * the primary's connections are decorated, and only when there is a listener.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class CommitTrackingDecorator implements NodeDataSourceDecorator {

	private static final Class<?>[] CONNECTION = { Connection.class };

	private static final Log logger = LogFactory.getLog(CommitTrackingDecorator.class);

	private final List<CommitListener> listeners;

	/**
	 * Create a decorator.
	 * @param listeners told about every commit; with none, nothing is decorated
	 */
	public CommitTrackingDecorator(List<CommitListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Return the listeners told about commits.
	 * @return the listeners
	 */
	public List<CommitListener> listeners() {
		return this.listeners;
	}

	@Override
	public DataSource decorate(String node, NodeRole role, DataSource pool) {
		if (role != NodeRole.PRIMARY || this.listeners.isEmpty()) {
			return pool;
		}
		return new DelegatingDataSource(pool) {

			@Override
			public Connection getConnection() throws SQLException {
				return track(obtainTargetDataSource().getConnection());
			}

			@Override
			public Connection getConnection(String username, String password) throws SQLException {
				return track(obtainTargetDataSource().getConnection(username, password));
			}

		};
	}

	private Connection track(Connection connection) throws SQLException {
		return (Connection) Proxy.newProxyInstance(CommitTrackingDecorator.class.getClassLoader(), CONNECTION,
				new TrackedConnection(connection, connection.getAutoCommit()));
	}

	private static @Nullable Object invoke(Method method, Object target, @Nullable Object @Nullable [] args)
			throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	private static @Nullable Object unwrapOrEquals(Object proxy, Object target, Method method,
			@Nullable Object @Nullable [] args) throws Throwable {
		return switch (method.getName()) {
			case "equals" -> args != null && proxy == args[0];
			case "hashCode" -> System.identityHashCode(proxy);
			case "unwrap" -> (args != null && ((Class<?>) args[0]).isInstance(proxy)) ? proxy
					: invoke(method, target, args);
			case "isWrapperFor" -> (args != null && ((Class<?>) args[0]).isInstance(proxy))
					|| Boolean.TRUE.equals(invoke(method, target, args));
			default -> invoke(method, target, args);
		};
	}

	private final class TrackedConnection implements InvocationHandler {

		private final Connection target;

		private boolean autoCommit;

		private boolean statementsSinceBoundary;

		private boolean writesOutsideStatements;

		TrackedConnection(Connection target, boolean autoCommit) {
			this.target = target;
			this.autoCommit = autoCommit;
		}

		@Override
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args)
				throws Throwable {
			switch (method.getName()) {
				case "commit":
					commit(method);
					return null;
				case "rollback":
					if (args == null) {
						this.statementsSinceBoundary = false;
					}
					return CommitTrackingDecorator.invoke(method, this.target, args);
				case "setAutoCommit":
					setAutoCommit(method, args);
					return null;
				case "createStatement":
					return statement(proxy, Statement.class, null, updatable(args, 1), method, args);
				case "prepareStatement":
					return statement(proxy, PreparedStatement.class, sql(args), updatable(args, 2), method, args);
				case "prepareCall":
					return statement(proxy, CallableStatement.class, null, updatable(args, 2), method, args);
				case "unwrap":
					return unwrap(proxy, method, args);
				case "close":
					close(method);
					return null;
				default:
					return unwrapOrEquals(proxy, this.target, method, args);
			}
		}

		/**
		 * Hand out the driver's own connection, whose APIs (COPY, large objects) write
		 * through no tracked statement: from then on the connection may have written.
		 */
		private @Nullable Object unwrap(Object proxy, Method method, @Nullable Object @Nullable [] args)
				throws Throwable {
			if (args != null && ((Class<?>) args[0]).isInstance(proxy)) {
				return proxy;
			}
			Object unwrapped = CommitTrackingDecorator.invoke(method, this.target, args);
			mayWriteOutsideStatements();
			return unwrapped;
		}

		/**
		 * In a transaction its commit counts; in autocommit, every write commits at once
		 * where no statement sees it, so the attempt counts a commit now; and whatever
		 * the mode, a commit is counted again when the connection is closed.
		 */
		void mayWriteOutsideStatements() throws Throwable {
			// the driver's object may be used again later, in autocommit or not
			this.writesOutsideStatements = true;
			if (!this.autoCommit) {
				this.statementsSinceBoundary = true;
			}
			else if (!this.target.isReadOnly()) {
				ended(true, false, () -> {
				});
			}
		}

		private void close(Method method) throws Throwable {
			try {
				if (this.writesOutsideStatements) {
					this.writesOutsideStatements = false;
					ended(true, false, () -> {
					});
				}
			}
			finally {
				CommitTrackingDecorator.invoke(method, this.target, null);
			}
		}

		private void commit(Method method) throws Throwable {
			boolean counts = this.statementsSinceBoundary && !this.target.isReadOnly();
			this.statementsSinceBoundary = false;
			ended(counts, counts, () -> CommitTrackingDecorator.invoke(method, this.target, null));
		}

		private void setAutoCommit(Method method, @Nullable Object @Nullable [] args) throws Throwable {
			boolean enable = args != null && Boolean.TRUE.equals(args[0]);
			// switching autocommit on commits the open transaction
			boolean counts = enable && !this.autoCommit && this.statementsSinceBoundary && !this.target.isReadOnly();
			ended(counts, counts, () -> CommitTrackingDecorator.invoke(method, this.target, args));
			this.autoCommit = enable;
			if (enable) {
				this.statementsSinceBoundary = false;
			}
		}

		void executed(boolean mayWrite, Execution execution) throws Throwable {
			if (!this.autoCommit) {
				this.statementsSinceBoundary = true;
				execution.run();
				return;
			}
			// a query may call a function that writes: interrupted, its outcome is unknown
			boolean writable = !this.target.isReadOnly();
			ended(mayWrite && writable, writable, execution);
		}

		private void ended(boolean counts, boolean unknownIfInterrupted, Execution execution) throws Throwable {
			if (!counts && !unknownIfInterrupted) {
				execution.run();
				return;
			}
			try {
				execution.run();
			}
			catch (Throwable ex) {
				if (unknownIfInterrupted && DatabaseFailures.isConnectionFailure(ex)) {
					CommitTrackingDecorator.this.listeners.forEach(CommitListener::outcomeUnknown);
				}
				throw ex;
			}
			if (!counts) {
				return;
			}
			for (CommitListener listener : CommitTrackingDecorator.this.listeners) {
				try {
					listener.committed(this.target);
				}
				catch (RuntimeException ex) {
					logger.warn("Commit listener " + listener + " failed after a commit that stands", ex);
				}
			}
		}

		private Object statement(Object connection, Class<?> type, @Nullable String sql, boolean updatable,
				Method method, @Nullable Object @Nullable [] args) throws Throwable {
			Object statement = Objects.requireNonNull(CommitTrackingDecorator.invoke(method, this.target, args),
					"the driver returned no statement");
			return Proxy.newProxyInstance(CommitTrackingDecorator.class.getClassLoader(), new Class<?>[] { type },
					new TrackedStatement(this, connection, statement, sql, updatable));
		}

		/**
		 * Whether the statement's result sets are updatable: their {@code updateRow},
		 * {@code insertRow} and {@code deleteRow} write through no statement call.
		 */
		private static boolean updatable(@Nullable Object @Nullable [] args, int concurrencyIndex) {
			return args != null && args.length > concurrencyIndex
					&& Integer.valueOf(ResultSet.CONCUR_UPDATABLE).equals(args[concurrencyIndex]);
		}

		private static @Nullable String sql(@Nullable Object @Nullable [] args) {
			return (args != null && args.length > 0 && args[0] instanceof String sql) ? sql : null;
		}

	}

	private static final class TrackedStatement implements InvocationHandler {

		private final TrackedConnection connection;

		private final Object connectionProxy;

		private final Object target;

		private final @Nullable String preparedSql;

		private final boolean updatable;

		TrackedStatement(TrackedConnection connection, Object connectionProxy, Object target,
				@Nullable String preparedSql, boolean updatable) {
			this.connection = connection;
			this.connectionProxy = connectionProxy;
			this.target = target;
			this.preparedSql = preparedSql;
			this.updatable = updatable;
		}

		@Override
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args)
				throws Throwable {
			String name = method.getName();
			if (name.startsWith("execute")) {
				Object[] result = new Object[1];
				this.connection.executed(mayWrite(name, args),
						() -> result[0] = CommitTrackingDecorator.invoke(method, this.target, args));
				if (this.updatable) {
					this.connection.mayWriteOutsideStatements();
				}
				return result[0];
			}
			if (name.equals("getConnection")) {
				return this.connectionProxy;
			}
			return unwrapOrEquals(proxy, this.target, method, args);
		}

		private boolean mayWrite(String method, @Nullable Object @Nullable [] args) {
			if (!method.equals("executeQuery") || this.updatable) {
				return true;
			}
			String sql = (args != null && args.length > 0 && args[0] instanceof String text) ? text
					: this.preparedSql;
			return sql == null || !ReadOnlyQueries.isReadOnly(sql);
		}

	}

	@FunctionalInterface
	private interface Execution {

		void run() throws Throwable;

	}

}
