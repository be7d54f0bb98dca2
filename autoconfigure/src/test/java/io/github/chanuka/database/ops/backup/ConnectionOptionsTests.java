package io.github.chanuka.database.ops.backup;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The primary's JDBC settings as libpq connection options.
 */
class ConnectionOptionsTests {

	@Test
	void multiHostPrimaryBecomesLibpqHostsWithTheReadWriteTarget() {
		HikariDataSource pool = pool("jdbc:postgresql://db1:5432,db2/bills?targetServerType=primary&sslmode=verify-full"
				+ "&sslrootcert=/etc/ca.pem&connectTimeout=7");
		ConnectionOptions options = ConnectionOptions.of(pool);
		assertThat(options.conninfo()).isEqualTo("host='db1,db2' port='5432,5432' dbname='bills' user='app'"
				+ " sslmode='verify-full' sslrootcert='/etc/ca.pem' connect_timeout='7'"
				+ " target_session_attrs='read-write' application_name='chanuka-database-backup'");
		assertThat(options.database()).isEqualTo("bills");
	}

	@Test
	void passwordGoesToTheEnvironmentAndNeverIntoTheConnectionString() {
		HikariDataSource pool = pool("jdbc:postgresql://db:5433/bills?password=in-url");
		ConnectionOptions options = ConnectionOptions.of(pool);
		assertThat(options.environment()).containsExactly(java.util.Map.entry("PGPASSWORD", "s3cret"));
		assertThat(options.conninfo()).doesNotContain("s3cret", "in-url", "password");
		assertThat(options.toString()).doesNotContain("s3cret");
	}

	@Test
	void poolPropertiesSuchAsTheSslModeApplyAndQuotesAreEscaped() {
		HikariDataSource pool = pool("jdbc:postgresql:bills?ssl=true&ApplicationName=it's");
		pool.setUsername(null);
		pool.setPassword(null);
		pool.addDataSourceProperty("user", "from-properties");
		ConnectionOptions options = ConnectionOptions.of(pool);
		assertThat(options.conninfo()).isEqualTo(
				"host='localhost' port='5432' dbname='bills' user='from-properties' application_name='it\\'s'"
						+ " sslmode='verify-full'");
		assertThat(options.environment()).isEmpty();
	}

	@Test
	void aUrlWithoutAHostMeansLocalhostAsItDoesToTheDriverNotTheUnixSocket() {
		assertThat(ConnectionOptions.of(pool("jdbc:postgresql:bills")).conninfo())
			.startsWith("host='localhost' port='5432' dbname='bills' ");
		assertThat(ConnectionOptions.of(pool("jdbc:postgresql:///bills")).conninfo())
			.startsWith("host='localhost' port='5432' dbname='bills' ");
		assertThat(ConnectionOptions.of(pool("jdbc:postgresql://:5433,[::1]/bills")).conninfo())
			.startsWith("host='localhost,::1' port='5433,5432' dbname='bills' ");
	}

	@Test
	void aLockTimeoutJoinsTheOptionsTheUrlAlreadyGives() {
		assertThat(ConnectionOptions.of(pool("jdbc:postgresql://db/bills?options=-c%20search_path=app"),
				Duration.ofSeconds(5))
			.conninfo()).contains("options='-c search_path=app -c lock_timeout=5000'");
		assertThat(ConnectionOptions.of(pool("jdbc:postgresql://db/bills"), Duration.ofMillis(250))
			.conninfo()).contains("options='-c lock_timeout=250'");
	}

	@Test
	void aUrlOfAnotherDatabaseIsRefused() {
		assertThatExceptionOfType(BackupException.class)
			.isThrownBy(() -> ConnectionOptions.of(pool("jdbc:mysql://db/bills")))
			.withMessageContaining("is not a PostgreSQL JDBC URL")
			.satisfies((ex) -> assertThat(ex.isConfigurationProblem()).isTrue());
	}

	private static HikariDataSource pool(String url) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		pool.setUsername("app");
		pool.setPassword("s3cret");
		return pool;
	}

}
