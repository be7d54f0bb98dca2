package io.github.chanuka.database.node;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link CommitTrackingDecorator}: what its connections and statements tell
 * the listeners, unit by unit, on a stub driver. Write safety and read-your-writes on
 * real PostgreSQL are proven by their integration tests.
 *
 * @author Chanuka Database
 */
class CommitTrackingDecoratorTests {

	private static final String READ = "select id from bills";

	private static final String WRITE = "update bills set title = 'x'";

	private final List<String> told = new ArrayList<>();

	private final CommitListener listener = new CommitListener() {

		@Override
		public void committed(Connection connection) {
			CommitTrackingDecoratorTests.this.told.add("committed");
		}

		@Override
		public void outcomeUnknown() {
			CommitTrackingDecoratorTests.this.told.add("unknown");
		}

	};

	private final DataSource pool = mock(DataSource.class);

	private final Connection driver = mock(Connection.class);

	private final Statement driverStatement = mock(Statement.class);

	private final PreparedStatement driverPrepared = mock(PreparedStatement.class);

	private final CallableStatement driverCallable = mock(CallableStatement.class);

	@BeforeEach
	void driver() throws SQLException {
		given(this.pool.getConnection()).willReturn(this.driver);
		given(this.driver.getAutoCommit()).willReturn(true);
		given(this.driver.createStatement()).willReturn(this.driverStatement);
		given(this.driver.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE))
			.willReturn(this.driverStatement);
		given(this.driver.prepareStatement(anyString())).willReturn(this.driverPrepared);
		given(this.driver.prepareCall(anyString())).willReturn(this.driverCallable);
	}

	private Connection connection() throws SQLException {
		return new CommitTrackingDecorator(List.of(this.listener)).decorate("primary", NodeRole.PRIMARY, this.pool)
			.getConnection();
	}

	private static SQLException connectionFailure() {
		return new SQLException("An I/O error occurred while sending to the backend.", "08006");
	}

	@Test
	void aTransactionCountsItsCommitOnlyWhenItRanAStatementAndTheCommitSucceeded() throws SQLException {
		Connection connection = connection();
		connection.setAutoCommit(false);
		connection.commit();
		assertThat(this.told).isEmpty();
		connection.createStatement().executeQuery(READ);
		assertThat(this.told).isEmpty();
		connection.commit();
		assertThat(this.told).containsExactly("committed");
		connection.prepareStatement(WRITE).executeUpdate();
		connection.rollback();
		connection.commit();
		assertThat(this.told).containsExactly("committed");
		verify(this.driver, times(3)).commit();
	}

	@Test
	void aReadOnlyConnectionCommitsNothing() throws SQLException {
		given(this.driver.isReadOnly()).willReturn(true);
		Connection connection = connection();
		connection.prepareStatement(WRITE).executeUpdate();
		connection.setAutoCommit(false);
		connection.prepareStatement(WRITE).executeUpdate();
		connection.commit();
		assertThat(this.told).isEmpty();
	}

	@Test
	void switchingAutocommitOnCommitsTheOpenTransaction() throws SQLException {
		Connection connection = connection();
		connection.setAutoCommit(false);
		connection.setAutoCommit(true);
		assertThat(this.told).isEmpty();
		connection.setAutoCommit(false);
		connection.createStatement().execute(WRITE);
		connection.setAutoCommit(true);
		assertThat(this.told).containsExactly("committed");
		connection.setAutoCommit(true);
		assertThat(this.told).containsExactly("committed");
	}

	@Test
	void anAutocommitStatementCountsUnlessItIsAQueryThatOnlyReads() throws SQLException {
		Connection connection = connection();
		connection.createStatement().executeQuery(READ);
		connection.prepareStatement(READ).executeQuery();
		connection.prepareStatement(READ).execute();
		connection.createStatement().executeQuery(WRITE);
		connection.prepareStatement(WRITE).executeQuery();
		connection.prepareStatement(WRITE).executeUpdate();
		connection.createStatement().executeBatch();
		assertThat(this.told).hasSize(5);
	}

	@Test
	void aCallMayWriteWhateverItRuns() throws SQLException {
		connection().prepareCall(READ).executeQuery();
		assertThat(this.told).containsExactly("committed");
	}

	@Test
	void aConnectionFailureDuringACountingCommitIsAnUnknownOutcome() throws SQLException {
		willThrow(connectionFailure()).given(this.driver).commit();
		Connection connection = connection();
		connection.setAutoCommit(false);
		assertThatExceptionOfType(SQLException.class).isThrownBy(connection::commit);
		assertThat(this.told).isEmpty();
		connection.createStatement().execute(WRITE);
		assertThatExceptionOfType(SQLException.class).isThrownBy(connection::commit);
		assertThat(this.told).containsExactly("unknown");
	}

	@Test
	void anyAutocommitStatementInterruptedOnAWritableConnectionIsAnUnknownOutcome() throws SQLException {
		given(this.driverStatement.executeQuery(anyString())).willThrow(connectionFailure());
		given(this.driverStatement.executeUpdate(anyString()))
			.willThrow(new SQLException("duplicate key value violates unique constraint", "23505"));
		Connection connection = connection();
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> connection.createStatement().executeQuery(READ));
		assertThat(this.told).containsExactly("unknown");
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> connection.createStatement().executeUpdate(WRITE));
		assertThat(this.told).containsExactly("unknown");
		connection.setAutoCommit(false);
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> connection.createStatement().executeQuery(READ));
		assertThat(this.told).containsExactly("unknown");
	}

	@Test
	void aQueryInterruptedOnAReadOnlyConnectionIsNoUnknownOutcome() throws SQLException {
		given(this.driver.isReadOnly()).willReturn(true);
		given(this.driverStatement.executeQuery(anyString())).willThrow(connectionFailure());
		Connection connection = connection();
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> connection.createStatement().executeQuery(READ));
		assertThat(this.told).isEmpty();
	}

	@Test
	void theDriversOwnConnectionMayWriteOutsideStatements() throws SQLException {
		PGConnection pg = mock(PGConnection.class);
		given(this.driver.unwrap(PGConnection.class)).willReturn(pg);
		Connection connection = connection();
		assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
		assertThat(this.told).isEmpty();
		assertThat(connection.unwrap(PGConnection.class)).isSameAs(pg);
		assertThat(this.told).containsExactly("committed");
		connection.close();
		assertThat(this.told).containsExactly("committed", "committed");
		verify(this.driver).close();
	}

	@Test
	void theDriversOwnConnectionInATransactionMakesItsCommitCount() throws SQLException {
		given(this.driver.unwrap(PGConnection.class)).willReturn(mock(PGConnection.class));
		Connection connection = connection();
		connection.setAutoCommit(false);
		connection.unwrap(PGConnection.class);
		connection.commit();
		assertThat(this.told).containsExactly("committed");
		// the driver's object may have written again after the commit, in autocommit
		connection.close();
		assertThat(this.told).containsExactly("committed", "committed");
	}

	@Test
	void updatableResultSetsWriteThroughEveryExecute() throws SQLException {
		Connection connection = connection();
		connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE).executeQuery(READ);
		assertThat(this.told).containsExactly("committed", "committed");
		connection.close();
		assertThat(this.told).containsExactly("committed", "committed", "committed");
	}

	@Test
	void statementsAnswerForTheirWrappers() throws SQLException {
		Connection connection = connection();
		Statement statement = connection.createStatement();
		PreparedStatement prepared = connection.prepareStatement(READ);
		CallableStatement callable = connection.prepareCall(READ);
		for (Statement wrapper : List.of(statement, prepared, callable)) {
			assertThat(wrapper.getConnection()).isSameAs(connection);
			assertThat(wrapper.unwrap(Statement.class)).isSameAs(wrapper);
			assertThat(wrapper.isWrapperFor(Statement.class)).isTrue();
			assertThat(wrapper).isNotEqualTo(connection.createStatement()).hasSameHashCodeAs(wrapper);
		}
		assertThat(connection.isWrapperFor(Connection.class)).isTrue();
		assertThat(connection).isEqualTo(connection).isNotEqualTo(connection());
		assertThat(this.told).isEmpty();
	}

	@Test
	void aListenerThatThrowsIsLoggedAndTheOthersAreStillTold() throws SQLException {
		CommitListener failing = (connection) -> {
			throw new IllegalStateException("listener failed");
		};
		Connection connection = new CommitTrackingDecorator(List.of(failing, this.listener))
			.decorate("primary", NodeRole.PRIMARY, this.pool)
			.getConnection();
		connection.createStatement().executeUpdate(WRITE);
		assertThat(this.told).containsExactly("committed");
	}

	@Test
	void onlyThePrimaryIsDecoratedAndOnlyWhenSomethingListens() {
		assertThat(new CommitTrackingDecorator(List.of(this.listener)).decorate("replica-1", NodeRole.REPLICA,
				this.pool))
			.isSameAs(this.pool);
		assertThat(new CommitTrackingDecorator(List.of()).decorate("primary", NodeRole.PRIMARY, this.pool))
			.isSameAs(this.pool);
	}

}
