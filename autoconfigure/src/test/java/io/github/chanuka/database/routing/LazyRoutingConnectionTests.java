package io.github.chanuka.database.routing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;
import java.sql.Savepoint;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.ConnectionProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

/**
 * Tests for {@link LazyRoutingConnection}: Spring's lazy connection contract, unit by
 * unit. Routing on real PostgreSQL is proven by the routing integration tests.
 *
 * @author Chanuka Database
 */
class LazyRoutingConnectionTests {

	private final DataSource primaryRoute = mock(DataSource.class);

	private final DataSource readOnlyRoute = mock(DataSource.class);

	private final Connection primaryConnection = mock(Connection.class);

	private final Connection replicaConnection = mock(Connection.class);

	@BeforeEach
	void routes() throws SQLException {
		given(this.primaryRoute.getConnection()).willReturn(this.primaryConnection);
		given(this.readOnlyRoute.getConnection()).willReturn(this.replicaConnection);
	}

	private DataSource replicaRoute() {
		return this.readOnlyRoute;
	}

	private Connection connection(boolean withReadOnlyRoute) throws SQLException {
		return new RoutingDataSource(this.primaryRoute, withReadOnlyRoute ? this.readOnlyRoute : null, true,
				Connection.TRANSACTION_READ_COMMITTED)
			.getConnection();
	}

	@Test
	void transactionSettingsWaitForTheFirstStatementAndGoToTheReadOnlyRoute() throws SQLException {
		Connection connection = connection(true);
		connection.setAutoCommit(false);
		connection.setReadOnly(true);
		connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
		assertThat(connection.getAutoCommit()).isFalse();
		assertThat(connection.isReadOnly()).isTrue();
		assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
		verifyNoInteractions(this.primaryRoute, this.readOnlyRoute);
		connection.prepareStatement("select 1");
		verify(this.replicaConnection).setAutoCommit(false);
		verify(this.replicaConnection).setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
		verify(this.replicaConnection).prepareStatement("select 1");
		verify(this.replicaConnection, never()).setReadOnly(true);
		verifyNoInteractions(this.primaryRoute);
	}

	@Test
	void settingsEqualToTheDefaultsAreNotApplied() throws SQLException {
		Connection connection = connection(true);
		connection.setAutoCommit(true);
		connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
		connection.createStatement();
		verify(this.primaryConnection).createStatement();
		verifyNoMoreInteractions(this.primaryConnection);
		verifyNoInteractions(this.readOnlyRoute);
	}

	@Test
	void readOnlyWithoutReadOnlyRouteMarksThePrimaryConnectionReadOnly() throws SQLException {
		Connection connection = connection(false);
		connection.setReadOnly(true);
		connection.createStatement();
		verify(this.primaryConnection).setReadOnly(true);
		connection.setReadOnly(false);
		verify(this.primaryConnection).setReadOnly(false);
	}

	@Test
	void readOnlyResetInsideATransactionKeepsTheRoute() throws SQLException {
		Connection connection = connection(true);
		connection.setReadOnly(true);
		connection.setAutoCommit(false);
		connection.createStatement();
		connection.setReadOnly(false);
		connection.createStatement();
		verify(this.replicaConnection, never()).setReadOnly(false);
		verify(this.replicaConnection, never()).close();
		verify(this.replicaConnection, org.mockito.Mockito.times(2)).createStatement();
		verifyNoInteractions(this.primaryRoute);
	}

	@Test
	void readOnlyResetAfterTheTransactionGivesTheReplicaBackAndTheNextStatementGoesToThePrimary()
			throws SQLException {
		Connection connection = connection(true);
		connection.setReadOnly(true);
		connection.setAutoCommit(false);
		connection.createStatement();
		connection.commit();
		connection.setAutoCommit(true);
		given(this.replicaConnection.getAutoCommit()).willReturn(true);
		connection.setReadOnly(false);
		verify(this.replicaConnection).close();
		assertThat(connection.isReadOnly()).isFalse();
		assertThat(connection.isClosed()).isFalse();
		connection.createStatement();
		verify(this.primaryConnection).createStatement();
	}

	@Test
	void readOnlyResetAfterACommitWithAutoCommitOffStillGivesTheReplicaBack() throws SQLException {
		Connection connection = connection(true);
		connection.setReadOnly(true);
		connection.setAutoCommit(false);
		connection.createStatement();
		connection.commit();
		connection.setReadOnly(false);
		verify(this.replicaConnection).close();
		connection.createStatement();
		verify(this.primaryConnection).setAutoCommit(false);
		verify(this.primaryConnection).createStatement();
	}

	@Test
	void readOnlyAfterAWriteBetweenTransactionsTakesTheReadOnlyRoute() throws SQLException {
		Connection connection = connection(true);
		connection.createStatement();
		given(this.primaryConnection.getAutoCommit()).willReturn(true);
		connection.setReadOnly(true);
		verify(this.primaryConnection).close();
		verify(this.primaryConnection, never()).setReadOnly(true);
		connection.createStatement();
		verify(this.replicaConnection).createStatement();
	}

	@Test
	void holdabilityIsAnsweredWithoutConnectingAndRestoredForThePoolsNextBorrower() throws SQLException {
		Connection connection = connection(true);
		assertThat(connection.getHoldability()).isEqualTo(java.sql.ResultSet.CLOSE_CURSORS_AT_COMMIT);
		verifyNoInteractions(this.primaryRoute);
		given(this.primaryConnection.getHoldability()).willReturn(java.sql.ResultSet.CLOSE_CURSORS_AT_COMMIT);
		connection.setHoldability(java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT);
		connection.createStatement();
		connection.close();
		org.mockito.InOrder order = org.mockito.Mockito.inOrder(this.primaryConnection);
		order.verify(this.primaryConnection).setHoldability(java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT);
		order.verify(this.primaryConnection).setHoldability(java.sql.ResultSet.CLOSE_CURSORS_AT_COMMIT);
		order.verify(this.primaryConnection).close();
	}

	@Test
	void settingsAfterCloseAreKeptAsSpringDoes() throws SQLException {
		Connection connection = connection(true);
		connection.close();
		connection.setCatalog("c");
		connection.setSchema("s");
		connection.setNetworkTimeout(Runnable::run, 10);
		connection.setHoldability(1);
		connection.setClientInfo("a", "b");
		connection.setReadOnly(true);
		connection.setAutoCommit(false);
		assertThat(connection.getCatalog()).isEqualTo("c");
		verifyNoInteractions(this.primaryRoute, this.readOnlyRoute);
		assertThatExceptionOfType(SQLException.class).isThrownBy(connection::createStatement)
			.withMessageContaining("connection is closed");
	}

	@Test
	void aTargetThePoolClosedAfterItFailedIsGivenBackWhenTheNextTransactionBegins() throws SQLException {
		Connection connection = connection(true);
		connection.setReadOnly(true);
		connection.setAutoCommit(false);
		connection.createStatement();
		given(this.replicaConnection.isClosed()).willReturn(true);
		connection.rollback();
		connection.setAutoCommit(true);
		verify(this.replicaConnection, never()).setAutoCommit(true);
		verify(this.replicaConnection).close();
		assertThat(connection.isClosed()).isFalse();
		connection.setAutoCommit(false);
		connection.createStatement();
		verify(this.replicaRoute(), org.mockito.Mockito.times(2)).getConnection();
	}

	@Test
	void aClosedTargetIsGivenBackWhenReadOnlyIsResetWhateverTheRoute() throws SQLException {
		Connection connection = connection(true);
		connection.setReadOnly(true);
		connection.setAutoCommit(false);
		connection.createStatement();
		given(this.replicaConnection.isClosed()).willReturn(true);
		connection.setReadOnly(true);
		verify(this.replicaConnection).close();
		connection.createStatement();
		verify(this.replicaRoute(), org.mockito.Mockito.times(2)).getConnection();
	}

	@Test
	void workThroughTheTargetConnectionKeepsTheRouteUntilTheTransactionEnds() throws SQLException {
		Connection connection = connection(true);
		connection.setReadOnly(true);
		Connection target = ((ConnectionProxy) connection).getTargetConnection();
		assertThat(target).isSameAs(this.replicaConnection);
		connection.setReadOnly(false);
		verify(this.replicaConnection, never()).close();
	}

	@Test
	void clientInfoIsRestoredForThePoolsNextBorrower() throws SQLException {
		Connection connection = connection(true);
		given(this.primaryConnection.getClientInfo("ApplicationName")).willReturn("pool");
		connection.setClientInfo("ApplicationName", "report");
		connection.createStatement();
		connection.close();
		org.mockito.InOrder order = org.mockito.Mockito.inOrder(this.primaryConnection);
		order.verify(this.primaryConnection).setClientInfo("ApplicationName", "report");
		order.verify(this.primaryConnection).setClientInfo("ApplicationName", "pool");
		order.verify(this.primaryConnection).close();
	}

	@Test
	void connectionThatNeverReachedTheDatabaseCommitsRollsBackAndClosesQuietly() throws SQLException {
		Connection connection = connection(true);
		connection.setAutoCommit(false);
		connection.commit();
		connection.rollback();
		assertThat((Object) connection.getWarnings()).isNull();
		connection.clearWarnings();
		connection.close();
		assertThat(connection.isClosed()).isTrue();
		verifyNoInteractions(this.primaryRoute, this.readOnlyRoute);
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connection.prepareStatement("select 1"))
			.withMessageContaining("connection is closed");
	}

	@Test
	void afterConnectingEveryCallGoesToTheConnection() throws SQLException {
		Connection connection = connection(true);
		connection.createStatement();
		connection.setAutoCommit(false);
		connection.setCatalog("c");
		connection.setSchema("s");
		connection.setHoldability(2);
		connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
		connection.commit();
		connection.getWarnings();
		connection.clearWarnings();
		given(this.primaryConnection.isClosed()).willReturn(false);
		connection.rollback();
		connection.close();
		verify(this.primaryConnection).setAutoCommit(false);
		verify(this.primaryConnection).setCatalog("c");
		verify(this.primaryConnection).setSchema("s");
		verify(this.primaryConnection).setHoldability(2);
		verify(this.primaryConnection).setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
		verify(this.primaryConnection).commit();
		verify(this.primaryConnection).getWarnings();
		verify(this.primaryConnection).clearWarnings();
		verify(this.primaryConnection).rollback();
		verify(this.primaryConnection).close();
	}

	@Test
	void rollbackOfAConnectionClosedMeanwhileIsSkipped() throws SQLException {
		Connection connection = connection(true);
		connection.createStatement();
		given(this.primaryConnection.isClosed()).willReturn(true);
		connection.rollback();
		verify(this.primaryConnection, never()).rollback();
	}

	@Test
	void rollbackToASavepointFollowsRollback() throws SQLException {
		Connection connection = connection(true);
		Savepoint savepoint = mock(Savepoint.class);
		connection.rollback(savepoint);
		verifyNoInteractions(this.primaryRoute);
		connection.createStatement();
		connection.rollback(savepoint);
		verify(this.primaryConnection).rollback(savepoint);
		given(this.primaryConnection.isClosed()).willReturn(true);
		connection.rollback(savepoint);
		verify(this.primaryConnection).rollback(savepoint);
	}

	@Test
	void aRefusedReadOnlyHintIsIgnoredButATimeoutIsNot() throws SQLException {
		Connection connection = connection(false);
		connection.setReadOnly(true);
		willThrow(new SQLFeatureNotSupportedException("no read-only mode")).given(this.primaryConnection)
			.setReadOnly(true);
		connection.createStatement();
		verify(this.primaryConnection).createStatement();
		Connection timingOut = connection(false);
		timingOut.setReadOnly(true);
		willThrow(new SQLTimeoutException("timed out")).given(this.primaryConnection).setReadOnly(true);
		assertThatExceptionOfType(SQLTimeoutException.class).isThrownBy(timingOut::createStatement);
	}

	@Test
	void keptSettingsAreAppliedWhenConnecting() throws SQLException {
		Connection connection = connection(true);
		connection.setCatalog("c");
		connection.setSchema("s");
		connection.setHoldability(2);
		connection.setNetworkTimeout(Runnable::run, 500);
		connection.setClientInfo("ApplicationName", "bills");
		assertThat(connection.getCatalog()).isEqualTo("c");
		assertThat(connection.getSchema()).isEqualTo("s");
		assertThat(connection.getHoldability()).isEqualTo(2);
		assertThat(connection.getNetworkTimeout()).isEqualTo(500);
		verifyNoInteractions(this.primaryRoute);
		connection.getMetaData();
		verify(this.primaryConnection).setCatalog("c");
		verify(this.primaryConnection).setSchema("s");
		verify(this.primaryConnection).setHoldability(2);
		verify(this.primaryConnection).setNetworkTimeout(any(), eq(500));
		verify(this.primaryConnection).setClientInfo("ApplicationName", "bills");
	}

	@Test
	void settingsThatFailCloseTheConnectionAndFailTheCall() throws SQLException {
		Connection connection = connection(true);
		connection.setSchema("missing");
		willThrow(new SQLException("schema \"missing\" does not exist")).given(this.primaryConnection)
			.setSchema("missing");
		assertThatExceptionOfType(SQLException.class).isThrownBy(connection::createStatement)
			.withMessageContaining("missing");
		verify(this.primaryConnection).close();
	}

	@Test
	void answersForItselfAndReachesItsTarget() throws SQLException {
		Connection connection = connection(true);
		assertThat(connection.unwrap(ConnectionProxy.class)).isSameAs(connection);
		assertThat(connection.isWrapperFor(ConnectionProxy.class)).isTrue();
		verifyNoInteractions(this.primaryRoute);
		assertThat(((ConnectionProxy) connection).getTargetConnection()).isSameAs(this.primaryConnection);
		assertThat(connection).hasToString("Lazy routing connection to " + this.primaryConnection);
		assertThat(connection).isNotEqualTo(connection(true));
	}

	private Connection perStatement() throws SQLException {
		RoutingDataSource dataSource = new RoutingDataSource(this.primaryRoute, this.readOnlyRoute, true,
				Connection.TRANSACTION_READ_COMMITTED);
		dataSource.setReadOnlyTransactionsPerStatement(true);
		return dataSource.getConnection();
	}

	private Connection perStatementReadOnlyTransaction() throws SQLException {
		Connection connection = perStatement();
		connection.setReadOnly(true);
		connection.setAutoCommit(false);
		return connection;
	}

	@Test
	void perStatementAReadOnlyTransactionIsAnsweredWithoutATransactionOnTheReplica() throws SQLException {
		PreparedStatement driverStatement = mock(PreparedStatement.class);
		given(this.replicaConnection.prepareStatement("select 1")).willReturn(driverStatement);
		given(this.replicaConnection.getAutoCommit()).willReturn(true);
		Connection connection = perStatementReadOnlyTransaction();
		assertThat(connection.getAutoCommit()).isFalse();
		PreparedStatement statement = connection.prepareStatement("select 1");
		statement.executeQuery();
		connection.commit();
		connection.rollback();
		connection.setAutoCommit(true);
		connection.setReadOnly(false);
		connection.close();
		verify(driverStatement).executeQuery();
		verify(this.replicaConnection, never()).setAutoCommit(anyBoolean());
		verify(this.replicaConnection, never()).commit();
		verify(this.replicaConnection, never()).rollback();
		verify(this.replicaConnection).close();
		verifyNoInteractions(this.primaryRoute);
	}

	@Test
	void perStatementAStatementThatIsNotAPlainReadBeginsTheTransactionWhichThenCommits() throws SQLException {
		Statement driverStatement = mock(Statement.class);
		given(this.replicaConnection.createStatement()).willReturn(driverStatement);
		given(this.replicaConnection.getAutoCommit()).willReturn(true);
		Connection connection = perStatementReadOnlyTransaction();
		Statement statement = connection.createStatement();
		statement.executeQuery("select 1");
		verify(this.replicaConnection, never()).setAutoCommit(false);
		statement.execute("set local work_mem = '64MB'");
		verify(this.replicaConnection).setAutoCommit(false);
		given(this.replicaConnection.getAutoCommit()).willReturn(false);
		assertThat(connection.getAutoCommit()).isFalse();
		connection.commit();
		verify(this.replicaConnection).commit();
		connection.setAutoCommit(true);
		verify(this.replicaConnection).setAutoCommit(true);
	}

	@Test
	void perStatementACursorFetchSizeOrABatchBeginsTheTransaction() throws SQLException {
		PreparedStatement fetching = mock(PreparedStatement.class);
		given(fetching.getFetchSize()).willReturn(100);
		given(this.replicaConnection.prepareStatement("select * from bills")).willReturn(fetching);
		given(this.replicaConnection.getAutoCommit()).willReturn(true);
		Connection connection = perStatementReadOnlyTransaction();
		connection.prepareStatement("select * from bills").executeQuery();
		verify(this.replicaConnection).setAutoCommit(false);

		Connection another = perStatementReadOnlyTransaction();
		Statement batching = mock(Statement.class);
		given(this.replicaConnection.createStatement()).willReturn(batching);
		Statement statement = another.createStatement();
		statement.addBatch("select 1");
		statement.executeBatch();
		verify(this.replicaConnection, times(2)).setAutoCommit(false);
	}

	@Test
	void perStatementASavepointOrAHigherIsolationBeginsTheTransaction() throws SQLException {
		given(this.replicaConnection.getAutoCommit()).willReturn(true);
		Connection connection = perStatementReadOnlyTransaction();
		connection.setSavepoint();
		verify(this.replicaConnection).setAutoCommit(false);
		verify(this.replicaConnection).setSavepoint();

		Connection another = perStatementReadOnlyTransaction();
		another.prepareStatement("select 1");
		another.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
		verify(this.replicaConnection).setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
		verify(this.replicaConnection, times(2)).setAutoCommit(false);
	}

	@Test
	void perStatementIsolationAboveReadCommittedGetsARealTransactionFromTheStart() throws SQLException {
		Connection connection = perStatement();
		connection.setReadOnly(true);
		connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
		connection.setAutoCommit(false);
		connection.prepareStatement("select 1");
		verify(this.replicaConnection).setAutoCommit(false);
		verify(this.replicaConnection).setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
	}

	@Test
	void perStatementWritesAreUntouched() throws SQLException {
		Connection connection = perStatement();
		connection.setAutoCommit(false);
		Statement driverStatement = mock(Statement.class);
		given(this.primaryConnection.createStatement()).willReturn(driverStatement);
		assertThat(connection.createStatement()).isSameAs(driverStatement);
		verify(this.primaryConnection).setAutoCommit(false);
		connection.commit();
		verify(this.primaryConnection).commit();
		verifyNoInteractions(this.readOnlyRoute);
	}

	@Test
	void perStatementNeedsAReadOnlyRoute() {
		RoutingDataSource dataSource = new RoutingDataSource(this.primaryRoute, null, true,
				Connection.TRANSACTION_READ_COMMITTED);
		assertThatIllegalStateException().isThrownBy(() -> dataSource.setReadOnlyTransactionsPerStatement(true))
			.withMessageContaining("refuse writes");
	}

}
