package io.github.chanuka.database.pool;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A URL the driver can use passes; any other is refused with a reason that never repeats
 * a part of it.
 */
class JdbcUrlsProblemTests {

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://db:5432/bills", "jdbc:postgresql://db/bills",
			"jdbc:postgresql://db-1:5432,db-2:5433/bills?targetServerType=primary", "jdbc:postgresql://[::1]:5432/bills",
			"jdbc:postgresql://[fe80::1]/bills", "jdbc:postgresql:bills", "jdbc:postgresql:/", "jdbc:postgresql:///bills",
			"JDBC:POSTGRESQL://db:65535/bills", "jdbc:postgresql://db:1/bills?password=x&sslmode=require" })
	void usableUrlsPass(String url) {
		assertThat(JdbcUrls.problem(url)).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "mysql://127.0.0.1:3306/x|must start with jdbc:postgresql:",
			"jdbc:mysql://db/x|must start with jdbc:postgresql:",
			"jdbc:postgresql://127.0.0.1:notaport/x|a port is not a number from 1 to 65535",
			"jdbc:postgresql://db:0/x|a port is not a number from 1 to 65535",
			"jdbc:postgresql://db:65536/x|a port is not a number from 1 to 65535",
			"jdbc:postgresql://db:/x|a port is not a number from 1 to 65535",
			"jdbc:postgresql://db-1:5432,db-2:five/x|a port is not a number from 1 to 65535",
			"jdbc:postgresql://db-1:5432,/x|a host name is empty", "jdbc:postgresql://::1:5432/x|more than one ':'",
			"jdbc:postgresql://[::1/x|no closing ']'", "jdbc:postgresql://[::1]5432/x|something other than ':port'",
			"jdbc:postgresql://app:S3cret@db:5432/x|user information" })
	void unusableUrlsAreRefusedWithoutRepeatingThem(String url, String reason) {
		String problem = JdbcUrls.problem(url);
		assertThat(problem).contains(reason).doesNotContain("S3cret", "notaport", "five", "65536");
	}

}
