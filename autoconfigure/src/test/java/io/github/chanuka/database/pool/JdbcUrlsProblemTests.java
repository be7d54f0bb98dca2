package io.github.chanuka.database.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

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
			"jdbc:postgresql://[fe80::1]/bills", "jdbc:postgresql:bills", "jdbc:postgresql:///bills",
			"jdbc:postgresql://db:65535/bills", "jdbc:postgresql://db:1/bills?password=x&sslmode=require",
			"jdbc:postgresql://db/bills?password=50%25off", "jdbc:postgresql://db/my,bills", "jdbc:postgresql://db:5432/",
			"jdbc:postgresql://db/bills?options=-c%20search_path%3Da,b" })
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
			"jdbc:postgresql://app:S3cret@db:5432/x|user information",
			"jdbc:postgresql://127.0.0.1:5/x,mysql://127.0.0.1:3306/x|more than one URL",
			"jdbc:postgresql://db/x?password=S3cret,jdbc:postgresql://db/y|more than one URL",
			"jdbc:postgresql://db:5432,jdbc:postgresql://db-2:5432/y|more than one URL",
			"jdbc:postgresql://db/x, postgres://app:S3cret@db/y|more than one URL",
			"JDBC:POSTGRESQL://db:65535/bills|in lower case only", "jdbc:postgresql://db:5432|no '/' between",
			"jdbc:postgresql://db:5432?password=S3cret|no '/' between",
			"jdbc:postgresql://db/x/y?password=S3cret|more than one '/'",
			"jdbc:postgresql://db/x?password=S3cret%zz|a password, sslpassword or sslkey parameter",
			"jdbc:postgresql://db/five%zz|the PostgreSQL driver's own parser refuses it",
			"jdbc:postgresql:/|the PostgreSQL driver's own parser refuses it" })
	void unusableUrlsAreRefusedWithoutRepeatingThem(String url, String reason) {
		String problem = JdbcUrls.problem(url);
		assertThat(problem).contains(reason).doesNotContain("S3cret", "notaport", "five", "65536", "mysql", "db-2");
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://db/x/y?password=S3cret", "jdbc:postgresql://db:5432?password=S3cret",
			"jdbc:postgresql://db/x,jdbc:postgresql://db/y?password=S3cret",
			"jdbc:postgresql://db/x?password=S3cret%zz&sslpassword=S3cret", "jdbc:postgresql://db/%zz?password=S3cret" })
	void theDriverNeverLogsASecretOfAnUnusableUrl(String url) {
		Logger driverLogger = Logger.getLogger("org.postgresql.Driver");
		Level level = driverLogger.getLevel();
		List<String> logged = new ArrayList<>();
		Handler handler = new Handler() {

			@Override
			public void publish(LogRecord record) {
				logged.add(new SimpleFormatter().formatMessage(record));
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};
		driverLogger.setLevel(Level.ALL);
		driverLogger.addHandler(handler);
		try {
			assertThat(JdbcUrls.problem(url)).isNotNull();
		}
		finally {
			driverLogger.removeHandler(handler);
			driverLogger.setLevel(level);
		}
		assertThat(logged).noneMatch((message) -> message.contains("S3cret"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://db-1:5432,db-2:5433/bills", "jdbc:postgresql://[::1]:5432,db-2/bills",
			"jdbc:postgresql://db/my,bills?application_name=a,b" })
	void hostListsAndCommasInValuesAreOneUrl(String url) {
		assertThat(JdbcUrls.holdsSeveralUrls(url)).isFalse();
	}

}
