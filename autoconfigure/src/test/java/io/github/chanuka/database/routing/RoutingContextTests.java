package io.github.chanuka.database.routing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import io.github.chanuka.database.node.ConnectionGuard;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.NodeRole;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Tests for {@link RoutingContext}, {@link WritePositionRecorder} and
 * {@link PrimaryPosition}: a write costs no statement, the token a response carries, and
 * one position read serving every write before it. Routing on real PostgreSQL is proven
 * by the read-your-writes integration tests.
 *
 * @author Chanuka Database
 */
class RoutingContextTests {

	private final RoutingContext context = new RoutingContext(true);

	@AfterEach
	void clear() {
		this.context.clear();
	}

	@Test
	void aCommitRunsNothingOnItsConnectionAndLeavesAnUnresolvedWrite() {
		Connection connection = mock(Connection.class);
		WritePositionRecorder recorder = new WritePositionRecorder(this.context);
		long before = System.nanoTime();
		recorder.committed(connection);
		verifyNoInteractions(connection);
		assertThat(this.context.unresolvedSince()).isGreaterThanOrEqualTo(before);
		assertThat(this.context.responseToken()).isEqualTo(RoutingContext.UNRESOLVED_TOKEN);
	}

	@Test
	void aWriteOfUnknownOutcomeIsCarriedUnresolvedNeverAsTheHighestPosition() {
		new WritePositionRecorder(this.context).outcomeUnknown();
		assertThat(this.context.responseToken()).isEqualTo(RoutingContext.UNRESOLVED_TOKEN);
		assertThat(this.context.requiredPosition()).isZero();
	}

	@Test
	void aResolvedWriteIsCarriedAsItsPosition() {
		this.context.recordWrite();
		this.context.resolved(0x3000060L);
		assertThat(this.context.unresolvedSince()).isZero();
		assertThat(this.context.requiredPosition()).isEqualTo(0x3000060L);
		assertThat(this.context.responseToken()).isEqualTo("3000060");
	}

	@Test
	void aClientsTokenAloneNeedsNoNewToken() {
		this.context.requirePosition(0x10L);
		assertThat(this.context.responseToken()).isNull();
		assertThat(this.context.isPositionVerified()).isFalse();
	}

	@Test
	void aClientsUnresolvedWriteIsResolvedFromNowAndItsPositionSentBack() {
		long before = System.nanoTime();
		this.context.requireUnresolvedWrite();
		assertThat(this.context.unresolvedSince()).isGreaterThanOrEqualTo(before);
		this.context.resolved(0x20L);
		assertThat(this.context.responseToken()).isEqualTo("20");
	}

	@Test
	void offLeavesNoTrace() {
		RoutingContext off = new RoutingContext(false);
		off.recordWrite();
		off.requireUnresolvedWrite();
		off.requirePosition(5);
		assertThat(off.responseToken()).isNull();
		assertThat(off.unresolvedSince()).isZero();
		off.clear();
	}

	@Test
	void carriedWorkSharesTheStateOfTheThreadThatHandedItOver() throws Exception {
		this.context.requirePosition(0x40L);
		RoutingContext.Carried carried = this.context.carry();
		CompletableFuture.runAsync(() -> {
			this.context.resume(carried);
			assertThat(this.context.requiredPosition()).isEqualTo(0x40L);
			this.context.recordWrite();
			this.context.clear();
		}).get();
		assertThat(this.context.responseToken()).isEqualTo(RoutingContext.UNRESOLVED_TOKEN);
	}

	@Test
	void aTaskDecoratorLeavesNothingOnThePooledThread() throws Exception {
		ReadYourWritesTaskDecorator decorator = new ReadYourWritesTaskDecorator(this.context);
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
		try {
			pool.submit(decorator.decorate(this.context::recordWrite)).get();
			assertThat(this.context.responseToken()).as("the write reached the submitting thread")
				.isEqualTo(RoutingContext.UNRESOLVED_TOKEN);
			assertThat(pool.submit(this.context::responseToken).get()).as("nothing left on the pooled thread")
				.isNull();
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void onePositionReadServesEveryWriteThatCompletedBeforeItStarted() throws Exception {
		AtomicInteger reads = new AtomicInteger();
		ConnectionGuard guard = guard(() -> {
			reads.incrementAndGet();
			return primaryAt(0x500L + reads.get());
		});
		PrimaryPosition position = new PrimaryPosition(guard);
		DatabaseNode primary = new DatabaseNode("primary", NodeRole.PRIMARY, 1, new HikariDataSource());
		long firstWrite = System.nanoTime();
		long secondWrite = System.nanoTime();
		assertThat(position.readAfter(firstWrite, primary)).isEqualTo(0x501L);
		assertThat(position.readAfter(secondWrite, primary)).isEqualTo(0x501L);
		assertThat(reads).hasValue(1);
		assertThat(position.readAfter(System.nanoTime(), primary)).isEqualTo(0x502L);
		assertThat(reads).hasValue(2);
		assertThat(position.clamp(0x400L, primary)).as("known without asking").isEqualTo(0x400L);
		assertThat(reads).hasValue(2);
	}

	@Test
	void aPrimaryThatIsDownIsNotAsked() {
		AtomicInteger reads = new AtomicInteger();
		ConnectionGuard guard = guard(() -> {
			reads.incrementAndGet();
			throw new SQLException("must not be asked");
		});
		DatabaseNode primary = new DatabaseNode("primary", NodeRole.PRIMARY, 1, new HikariDataSource());
		primary.markDown(new SQLException("Connection refused"));
		org.assertj.core.api.Assertions
			.assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> new PrimaryPosition(guard).readAfter(System.nanoTime(), primary))
			.withMessageContaining("down");
		assertThat(reads).hasValue(0);
	}

	private static ConnectionGuard guard(Connector connector) {
		return new ConnectionGuard() {

			@Override
			public Connection connect(DatabaseNode node) throws SQLException {
				return connector.connect();
			}

			@Override
			public Connection connectReadOnly(DatabaseNode node) throws SQLException {
				return connector.connect();
			}

			@Override
			public boolean permits(DatabaseNode node) {
				return true;
			}

			@Override
			public @Nullable String state(DatabaseNode node) {
				return null;
			}

		};
	}

	@FunctionalInterface
	private interface Connector {

		Connection connect() throws SQLException;

	}

	private static Connection primaryAt(long position) throws SQLException {
		Connection connection = mock(Connection.class);
		BaseConnection driver = mock(BaseConnection.class, RETURNS_DEEP_STUBS);
		given(connection.unwrap(BaseConnection.class)).willReturn(driver);
		given(driver.execSQLQuery(anyString()).next()).willReturn(true);
		given(driver.execSQLQuery(anyString()).getLong(1)).willReturn(position);
		return connection;
	}

}
