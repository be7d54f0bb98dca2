package io.github.chanuka.database.pool;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.AbstractDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The driver's failures are told apart by SQLState and the network exception under them,
 * and a primary's failed connection carries the explanation without changing what its
 * callers see.
 */
class ConnectionFailureCauseTests {

	@Test
	void refusedConnectionIsRefused() {
		assertThat(ConnectionFailureCause.of(pool(new SQLException("Connection to 127.0.0.1:5 refused.", "08001",
				new ConnectException("Connection refused"))))).isEqualTo(ConnectionFailureCause.REFUSED);
	}

	@Test
	void unresolvableHostIsUnknown() {
		assertThat(ConnectionFailureCause.of(pool(new SQLException("The connection attempt failed.", "08001",
				new UnknownHostException("no-such-host.invalid"))))).isEqualTo(ConnectionFailureCause.UNKNOWN_HOST);
	}

	@Test
	void silenceAndMissingRoutesAreNoAnswer() {
		assertThat(ConnectionFailureCause.of(new SQLException("x", "08001", new SocketTimeoutException())))
			.isEqualTo(ConnectionFailureCause.NO_ANSWER);
		assertThat(ConnectionFailureCause.of(new SQLException("x", "08001", new NoRouteToHostException())))
			.isEqualTo(ConnectionFailureCause.NO_ANSWER);
	}

	@Test
	void rejectedPasswordIsAuthenticationFailed() {
		assertThat(ConnectionFailureCause
			.of(pool(new SQLException("FATAL: password authentication failed for user \"app\"", "28P01"))))
			.isEqualTo(ConnectionFailureCause.AUTHENTICATION_FAILED);
	}

	@Test
	void serverWithoutTlsForARequiringClientIsTlsRequired() {
		assertThat(ConnectionFailureCause.of(pool(new SQLException("The server does not support SSL.", "08004"))))
			.isEqualTo(ConnectionFailureCause.TLS_REQUIRED);
	}

	@Test
	void serverAdmittingOnlyTlsIsTlsRequiredByTheServer() {
		assertThat(ConnectionFailureCause.of(new SQLException(
				"FATAL: no pg_hba.conf entry for host \"10.0.0.1\", user \"app\", database \"bills\", no encryption",
				"28000")))
			.isEqualTo(ConnectionFailureCause.TLS_REQUIRED_BY_SERVER);
	}

	@Test
	void missingDatabaseIsMissing() {
		assertThat(ConnectionFailureCause.of(pool(new SQLException("FATAL: database \"x\" does not exist", "3D000"))))
			.isEqualTo(ConnectionFailureCause.DATABASE_MISSING);
	}

	@Test
	void otherConnectionFailuresAreOther() {
		assertThat(ConnectionFailureCause.of(new SQLException("An I/O error occurred", "08006")))
			.isEqualTo(ConnectionFailureCause.OTHER);
	}

	@Test
	void poolWithEveryConnectionInUseIsNotAFailureToConnect() {
		assertThat(ConnectionFailureCause.of(exhausted())).isNull();
	}

	@Test
	void primaryFailureKeepsThePoolsExceptionAndCarriesTheExplanation() {
		SQLTransientConnectionException original = pool(
				new SQLException("Connection to 127.0.0.1:5 refused.", "08001", new ConnectException("refused")));
		SQLTransientConnectionException thrown = catchThrowableOfType(SQLTransientConnectionException.class,
				() -> reporting(original).getConnection());
		assertThat((Throwable) thrown).hasMessage(original.getMessage());
		assertThat(thrown.getSQLState()).isEqualTo("08001");
		assertThat(thrown.getCause()).isInstanceOf(PrimaryUnreachableException.class);
		PrimaryUnreachableException explanation = (PrimaryUnreachableException) thrown.getCause();
		assertThat(explanation.getFailureCause()).isEqualTo(ConnectionFailureCause.REFUSED);
		assertThat(explanation.getMaskedUrl()).isEqualTo("jdbc:postgresql://db:5432/bills?password=******");
		assertThat(explanation).hasCause(original);
	}

	@Test
	void exhaustedPoolFailurePassesUnchanged() {
		SQLTransientConnectionException original = exhausted();
		assertThat((Throwable) catchThrowableOfType(SQLTransientConnectionException.class,
				() -> reporting(original).getConnection()))
			.isSameAs(original);
	}

	private static DataSource reporting(SQLException failure) {
		return new UnreachableNodeReportingDataSource(new AbstractDataSource() {

			@Override
			public Connection getConnection() throws SQLException {
				throw failure;
			}

			@Override
			public Connection getConnection(String username, String password) throws SQLException {
				throw failure;
			}

		}, "primary", JdbcUrls.mask("jdbc:postgresql://db:5432/bills?password=secret"));
	}

	private static SQLTransientConnectionException pool(SQLException cause) {
		return new SQLTransientConnectionException(
				"chanuka-primary - Connection is not available, request timed out after 5000ms", cause.getSQLState(),
				cause);
	}

	private static SQLTransientConnectionException exhausted() {
		return new SQLTransientConnectionException("chanuka-primary - Connection is not available, request timed out "
				+ "after 30000ms (total=10, active=10, idle=0, waiting=3)");
	}

}
