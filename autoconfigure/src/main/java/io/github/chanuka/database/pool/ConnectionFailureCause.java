package io.github.chanuka.database.pool;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Why a node could not be reached, read from the driver's failure: its SQLState and the
 * network exception under it. Each cause has its own reason and fix.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public enum ConnectionFailureCause {

	/**
	 * Nothing accepts connections at the host and port.
	 */
	REFUSED("connection refused: nothing accepts connections at that host and port",
			"Check that PostgreSQL is running and that the URL names its host and port (5432 unless the server's "
					+ "port setting says otherwise)."),

	/**
	 * The host name does not resolve.
	 */
	UNKNOWN_HOST("unknown host: the host name does not resolve",
			"Check the host name in the URL for typos and that this machine's DNS resolves it."),

	/**
	 * The server did not answer in time, or no route leads to it.
	 */
	NO_ANSWER("no answer: the server did not answer in time, or no route leads to it",
			"Check the host and port in the URL, and that no firewall or security group drops the connection."),

	/**
	 * The server rejected the user name or password.
	 */
	AUTHENTICATION_FAILED("authentication failed: the server rejected the user name or password",
			"Check chanuka.database.username and chanuka.database.password (or the credentials of "
					+ "spring.datasource.*, DATABASE_URL or DB_USER and DB_PASSWORD), and that pg_hba.conf lets "
					+ "this user connect from this host."),

	/**
	 * The connection requires TLS but the server does not offer it.
	 */
	TLS_REQUIRED("TLS required: the connection's sslmode requires TLS but the server does not support it",
			"Enable TLS on the server (ssl = on with a certificate), or, outside production, set "
					+ "chanuka.database.ssl.mode (or the URL's sslmode) to prefer or disable."),

	/**
	 * The server accepts this client only over TLS, and the connection does not use it.
	 */
	TLS_REQUIRED_BY_SERVER("TLS required by the server: pg_hba.conf admits this client only over TLS",
			"Set chanuka.database.ssl.mode to require (verify-full with chanuka.database.ssl.root-cert is better)."),

	/**
	 * The database named in the URL does not exist.
	 */
	DATABASE_MISSING("database missing: the server has no database of that name",
			"Create the database (createdb, or CREATE DATABASE), or fix the database name in the URL."),

	/**
	 * The connection failed for another reason.
	 */
	OTHER("the connection failed", "Check the URL, the credentials and the TLS mode against the server's settings.");

	private final String reason;

	private final String fix;

	ConnectionFailureCause(String reason, String fix) {
		this.reason = reason;
		this.fix = fix;
	}

	/**
	 * Return why the connection failed, in words.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

	/**
	 * Return how to fix it.
	 * @return the fix
	 */
	public String fix() {
		return this.fix;
	}

	/**
	 * Classify a failure to connect.
	 * @param failure the failure, such as the pool's
	 * @return the cause, or {@code null} when the failure is not a failure to connect
	 * (such as a pool whose connections are all in use)
	 */
	public static @Nullable ConnectionFailureCause of(Throwable failure) {
		boolean connectionClass = false;
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
			if (cause instanceof UnknownHostException) {
				return UNKNOWN_HOST;
			}
			if (cause instanceof ConnectException && !(cause instanceof NoRouteToHostException)) {
				return REFUSED;
			}
			if (cause instanceof NoRouteToHostException || cause instanceof SocketTimeoutException) {
				return NO_ANSWER;
			}
			if (message.contains("does not support ssl")) {
				return TLS_REQUIRED;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				if (state.equals("28P01") || state.equals("28000")) {
					return (message.contains("ssl off") || message.contains("no encryption")) ? TLS_REQUIRED_BY_SERVER
							: AUTHENTICATION_FAILED;
				}
				if (state.equals("3D000")) {
					return DATABASE_MISSING;
				}
				connectionClass |= state.startsWith("08");
			}
		}
		return connectionClass ? OTHER : null;
	}

}
