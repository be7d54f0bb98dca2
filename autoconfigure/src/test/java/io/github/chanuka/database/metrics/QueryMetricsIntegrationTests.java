package io.github.chanuka.database.metrics;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.node.NodeRole;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Statement timing through the starter's own connection and statement wrappers, on a
 * real server: every kind of statement is timed once, with nanosecond resolution,
 * and connections keep behaving as the pool's own.
 */
@EmbeddedCluster
class QueryMetricsIntegrationTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private HikariDataSource pool;

	private DataSource timed;

	private QueryMetrics metrics;

	@BeforeEach
	void decorate(PostgresCluster cluster) {
		HikariConfig config = new HikariConfig();
		config.setDataSource(cluster.primary().dataSource());
		config.setMaximumPoolSize(2);
		this.pool = new HikariDataSource(config);
		this.metrics = new QueryMetrics(Duration.ofSeconds(1));
		this.timed = this.metrics.decorate("primary", NodeRole.PRIMARY, this.pool);
		this.metrics.bindTo(this.registry);
	}

	@AfterEach
	void close() {
		this.pool.close();
	}

	@Test
	void everyKindOfStatementIsTimedOnce() throws SQLException {
		try (Connection connection = this.timed.getConnection()) {
			connection.setAutoCommit(false);
			PreparedStatement prepared = connection.prepareStatement("select ?::int + 1, ?::text is null");
			try (prepared) {
				prepared.setInt(1, 41);
				prepared.setNull(2, Types.VARCHAR);
				try (ResultSet result = prepared.executeQuery()) {
					assertThat(result.next()).isTrue();
					assertThat(result.getInt(1)).isEqualTo(42);
					assertThat(result.getBoolean(2)).isTrue();
				}
			}
			assertThat(prepared.isClosed()).isTrue();
			try (Statement statement = connection.createStatement()) {
				statement.execute("create temporary table timed (id int)");
				statement.addBatch("insert into timed values (1)");
				statement.addBatch("insert into timed values (2)");
				assertThat(statement.executeBatch()).containsExactly(1, 1);
			}
			try (PreparedStatement statement = connection.prepareStatement("insert into timed values (?)")) {
				for (int i = 3; i <= 5; i++) {
					statement.setInt(1, i);
					statement.addBatch();
				}
				assertThat(statement.executeBatch()).containsExactly(1, 1, 1);
			}
			try (CallableStatement call = connection.prepareCall("{? = call upper(?)}")) {
				call.registerOutParameter(1, Types.VARCHAR);
				call.setString(2, "timed");
				call.execute();
				assertThat(call.getString(1)).isEqualTo("TIMED");
			}
			connection.commit();
		}
		// prepared select, create, statement batch, prepared batch, call
		assertThat(succeeded().count()).isEqualTo(5);
		assertThat(this.metrics.totals().count()).isEqualTo(5);
	}

	@Test
	void fastStatementsAreTimedInNanosecondsNotRoundedToMilliseconds() throws SQLException {
		try (Connection connection = this.timed.getConnection();
				PreparedStatement statement = connection.prepareStatement("select 1")) {
			for (int i = 0; i < 20; i++) {
				statement.executeQuery().close();
			}
		}
		double nanos = succeeded().totalTime(TimeUnit.NANOSECONDS);
		assertThat(nanos).isPositive();
		assertThat(nanos % 1_000_000).as("a total made of whole milliseconds").isNotZero();
		assertThat(this.metrics.totals().meanMillis()).isGreaterThan(0).isLessThan(1000);
	}

	@Test
	void failedStatementsAreTimedAsErrors() throws SQLException {
		try (Connection connection = this.timed.getConnection(); Statement statement = connection.createStatement()) {
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.executeQuery("select * from missing"))
				.withMessageContaining("missing");
		}
		assertThat(this.registry.get("chanuka.db.queries").tag("outcome", "error").timer().count()).isEqualTo(1);
		assertThat(this.metrics.totals().failed()).isEqualTo(1);
	}

	@Test
	void connectionsUnwrapToTheDriverAndReturnToThePool() throws SQLException {
		Connection first;
		try (Connection connection = this.timed.getConnection()) {
			first = connection;
			assertThat(connection.isWrapperFor(PGConnection.class)).isTrue();
			assertThat(connection.unwrap(PGConnection.class).getBackendPID()).isPositive();
			assertThat(connection).isEqualTo(connection).hasSameHashCodeAs(connection);
			assertThat(connection.toString()).isNotBlank();
		}
		assertThat(first.isClosed()).isTrue();
		assertThat(this.pool.getHikariPoolMXBean().getActiveConnections()).isZero();
	}

	private Timer succeeded() {
		return this.registry.get("chanuka.db.queries").tags("node", "primary", "outcome", "success").timer();
	}

}
