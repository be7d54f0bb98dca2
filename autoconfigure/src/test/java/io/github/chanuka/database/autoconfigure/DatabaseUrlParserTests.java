package io.github.chanuka.database.autoconfigure;

import io.github.chanuka.database.pool.NodeConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUrlParserTests {

	@Test
	void severalHostsAndParametersAreKept() {
		NodeConnection connection = DatabaseUrlParser
			.parse("postgres://app:pw@h1:5432,h2:5433/bills?targetServerType=primary&sslmode=require");
		assertThat(connection.jdbcUrl())
			.isEqualTo("jdbc:postgresql://h1:5432,h2:5433/bills?targetServerType=primary&sslmode=require");
		assertThat(connection.username()).isEqualTo("app");
		assertThat(connection.password()).isEqualTo("pw");
	}

	@Test
	void urlWithoutCredentialsLeavesThemUnset() {
		NodeConnection connection = DatabaseUrlParser.parse("postgresql://localhost/bills");
		assertThat(connection.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/bills");
		assertThat(connection.username()).isNull();
		assertThat(connection.password()).isNull();
	}

	@Test
	void toStringNeverShowsThePassword() {
		assertThat(DatabaseUrlParser.parse("postgres://app:topsecret@localhost/bills"))
			.hasToString("NodeConnection[url=jdbc:postgresql://localhost/bills, username=app, password=******, "
					+ "source=DATABASE_URL]");
	}

}
