package io.github.chanuka.database.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import io.github.chanuka.database.pool.NodeConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			postgres://u:pa/ss@host/db                | jdbc:postgresql://host/db             | u   | pa/ss
			postgres://u:p@ss@host/db                 | jdbc:postgresql://host/db             | u   | p@ss
			postgres://u:a+b@host/db                  | jdbc:postgresql://host/db             | u   | a+b
			postgres://u:50%25off@host/db             | jdbc:postgresql://host/db             | u   | 50%off
			postgres://u:a%2Bb%20c@host/db            | jdbc:postgresql://host/db             | u   | a+b c
			postgres://u:p%40ss%3Aw%2Fd@host:6432/db  | jdbc:postgresql://host:6432/db        | u   | p@ss:w/d
			postgres://u:%E2%82%ACuro@host/db         | jdbc:postgresql://host/db             | u   | €uro
			postgres://u:c:o:l@host/db                | jdbc:postgresql://host/db             | u   | c:o:l
			postgres://us%40er:pw@host/db             | jdbc:postgresql://host/db             | us@er | pw
			postgres://u:pw@[::1]/db                  | jdbc:postgresql://[::1]/db            | u   | pw
			postgres://u:pw@[::1]:5433/db             | jdbc:postgresql://[::1]:5433/db       | u   | pw
			postgres://u:pw@[2001:db8::7],h2:5433/db  | jdbc:postgresql://[2001:db8::7],h2:5433/db | u | pw
			postgres://u:pw@host/my%2Bdb              | jdbc:postgresql://host/my%2Bdb        | u   | pw
			postgres://u:pw@host/db?application_name=a+b | jdbc:postgresql://host/db?application_name=a%2Bb | u | pw
			postgres://u@host:5432/db                 | jdbc:postgresql://host:5432/db        | u   |
			postgres://u:sec?ret@host/db?sslmode=require | jdbc:postgresql://host/db?sslmode=require | u | sec?ret
			postgres://host/db?application_name=me@work | jdbc:postgresql://host/db?application_name=me%40work | |
			""")
	void credentialsAndHostsFollowRfc3986(String url, String jdbcUrl, String username, String password) {
		NodeConnection connection = DatabaseUrlParser.parse(url);
		assertThat(connection.jdbcUrl()).isEqualTo(jdbcUrl);
		assertThat(connection.username()).isEqualTo(username);
		assertThat(connection.password()).isEqualTo(password);
		assertThat(connection.toString()).doesNotContain("@" + password);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			postgres://u:50%off@host/db         | 50%off     | the password has a '%'
			postgres://u:sec%zzret@host/db      | sec%zzret  | the password has a '%'
			postgres://u:sec%FFret@host/db      | sec%FFret  | is not UTF-8
			postgres://u:sec%ret@host/db        | sec%ret    | the password has a '%'
			postgres://u:sec?ret@host           | sec?ret    | names no database
			postgres://u:sec#ret@host           | sec#ret    | names no database
			postgres://u:secret@host:pa55/db    | secret     | a port is not a number
			postgres://u:secret@[::1/db         | secret     | no closing ']'
			postgres://u:secret@::1/db          | secret     | more than one ':'
			postgres://u:secret@[::1]x/db       | secret     | other than ':port'
			postgres://u:secret@/db             | secret     | a host name is empty
			postgres://u:secret@%2Ftmp/db       | secret     | Unix-socket
			mysql://u:secret@host/db            | secret     | does not start with postgres://
			postgres://u:secret@host:99999/db   | secret     | a port is not a number
			postgres://u:secret@host/           | secret     | names no database
			postgres://u:secret@h1/db,postgres://u:secret@h2/db | secret | more than one URL
			""")
	void malformedUrlsAreReportedWithTheKeyAndTheFixButNoPartOfThePassword(String url, String secret,
			String reason) {
		InvalidDatabaseConfigurationException ex = catchThrowableOfType(InvalidDatabaseConfigurationException.class,
				() -> DatabaseUrlParser.parse(url));
		assertThat(ex).as(url).isNotNull();
		FailureAnalysis analysis = new InvalidDatabaseConfigurationFailureAnalyzer().analyze(ex);
		assertThat(analysis.getDescription()).contains("Property: DATABASE_URL", reason);
		assertThat(analysis.getAction()).contains("Set DATABASE_URL in the form", "percent-encode",
				"chanuka.database.url");
		String everything = analysis.getDescription() + analysis.getAction() + ex.getValue() + stackTrace(ex);
		assertNoPieceOf(secret, everything);
		assertThat(everything).doesNotContain(url.substring(url.indexOf("//")));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			postgres://u:p@ss@host/db               | postgres://u:******@host/db
			postgres://u:pa/ss@host/db              | postgres://u:******@host/db
			postgres://u:se?cr@et@host/db?x=1       | postgres://u:******@host/db?x=1
			postgres://u:s3cr3t@[::1]:5433/db       | postgres://u:******@[::1]:5433/db
			postgres://u@host/db                    | postgres://u@host/db
			""")
	void actuatorMaskingHidesTheWholePassword(String url, String expected) {
		Object shown = new CredentialSanitizingFunction().apply(new SanitizableData(null, "DATABASE_URL", url))
			.getValue();
		assertThat(shown).isEqualTo(expected);
	}

	private static void assertNoPieceOf(String secret, String text) {
		int length = Math.min(secret.length(), 4);
		for (int i = 0; i + length <= secret.length(); i++) {
			assertThat(text).as("shows '%s' of the secret", secret.substring(i, i + length))
				.doesNotContain(secret.substring(i, i + length));
		}
	}

	private static String stackTrace(Throwable ex) {
		StringWriter out = new StringWriter();
		ex.printStackTrace(new PrintWriter(out));
		return out.toString();
	}

}
