package io.github.chanuka.database.routing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * The settings a {@link LazyRoutingConnection} keeps for the connection it has not taken
 * yet, applies to each connection it takes, and undoes, before giving a connection back,
 * where the pool would not (holdability and client info).
 *
 * @author Chanuka Database
 */
final class KeptSettings {

	boolean readOnly;

	@Nullable Boolean autoCommit;

	@Nullable Integer transactionIsolation;

	@Nullable Integer holdability;

	@Nullable String catalog;

	@Nullable String schema;

	@Nullable Executor networkTimeoutExecutor;

	@Nullable Integer networkTimeout;

	@Nullable Map<String, String> clientInfo;

	private @Nullable Integer holdabilityToRestore;

	private @Nullable Map<String, @Nullable String> clientInfoToRestore;

	KeptSettings(@Nullable Boolean autoCommit, @Nullable Integer transactionIsolation) {
		this.autoCommit = autoCommit;
		this.transactionIsolation = transactionIsolation;
	}

	void clientInfo(String name, String value) {
		if (this.clientInfo == null) {
			this.clientInfo = new LinkedHashMap<>();
		}
		this.clientInfo.put(name, value);
	}

	/**
	 * Apply the kept settings that differ from the data source's defaults.
	 * @param keepAutoCommit whether to leave the connection in autocommit, for a
	 * read-only transaction answered statement by statement
	 */
	void applyTo(Connection connection, RoutingDataSource dataSource, boolean keepAutoCommit) throws SQLException {
		if (this.catalog != null) {
			connection.setCatalog(this.catalog);
		}
		if (this.schema != null) {
			connection.setSchema(this.schema);
		}
		if (this.holdability != null && this.holdability != connection.getHoldability()) {
			changingHoldability(connection);
			connection.setHoldability(this.holdability);
		}
		if (this.readOnly && !dataSource.hasReadOnlyRoute()) {
			setReadOnlyIfPossible(connection);
		}
		if (this.transactionIsolation != null
				&& !this.transactionIsolation.equals(dataSource.defaultTransactionIsolation())) {
			connection.setTransactionIsolation(this.transactionIsolation);
		}
		if (!keepAutoCommit && this.autoCommit != null && !this.autoCommit.equals(dataSource.defaultAutoCommit())) {
			connection.setAutoCommit(this.autoCommit);
		}
		if (this.networkTimeout != null) {
			connection.setNetworkTimeout(this.networkTimeoutExecutor, this.networkTimeout);
		}
		if (this.clientInfo != null) {
			for (Map.Entry<String, String> entry : this.clientInfo.entrySet()) {
				changingClientInfo(connection, entry.getKey());
				connection.setClientInfo(entry.getKey(), entry.getValue());
			}
		}
	}

	/**
	 * Note the holdability a connection had before it is first changed.
	 */
	void changingHoldability(Connection connection) throws SQLException {
		if (this.holdabilityToRestore == null) {
			this.holdabilityToRestore = connection.getHoldability();
		}
	}

	/**
	 * Note a client info value a connection had before it is first changed.
	 */
	void changingClientInfo(Connection connection, String name) throws SQLException {
		if (this.clientInfoToRestore == null) {
			this.clientInfoToRestore = new LinkedHashMap<>();
		}
		if (!this.clientInfoToRestore.containsKey(name)) {
			this.clientInfoToRestore.put(name, connection.getClientInfo(name));
		}
	}

	/**
	 * Undo on a connection about to go back to its pool what the pool does not reset.
	 */
	void restore(Connection connection) throws SQLException {
		Integer holdability = this.holdabilityToRestore;
		Map<String, @Nullable String> clientInfo = this.clientInfoToRestore;
		this.holdabilityToRestore = null;
		this.clientInfoToRestore = null;
		if (connection.isClosed()) {
			return;
		}
		if (holdability != null) {
			connection.setHoldability(holdability);
		}
		if (clientInfo != null) {
			for (Map.Entry<String, @Nullable String> entry : clientInfo.entrySet()) {
				String value = entry.getValue();
				connection.setClientInfo(entry.getKey(), (value != null) ? value : "");
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

}
