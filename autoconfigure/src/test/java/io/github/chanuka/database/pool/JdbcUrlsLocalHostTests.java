package io.github.chanuka.database.pool;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlsLocalHostTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			jdbc:postgresql://localhost/db                        | true
			jdbc:postgresql://LOCALHOST:5432/db                   | true
			jdbc:postgresql://127.0.0.1:5432/db                   | true
			jdbc:postgresql://127.45.6.7/db                       | true
			jdbc:postgresql://[::1]:5433/db                       | true
			jdbc:postgresql://[0:0:0:0:0:0:0:1]/db                | true
			jdbc:postgresql://localhost,127.0.0.2:5433/db         | true
			jdbc:postgresql:db                                    | true
			jdbc:postgresql:///db                                 | true
			jdbc:postgresql://localhost/db?socketFactory=org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg | true
			jdbc:postgresql://db.example.com/db                   | false
			jdbc:postgresql://localhost.example.com/db            | false
			jdbc:postgresql://128.0.0.1/db                        | false
			jdbc:postgresql://10.0.0.5:5432/db                    | false
			jdbc:postgresql://[2001:db8::1]:5432/db               | false
			jdbc:postgresql://localhost,db.example.com/db         | false
			jdbc:postgresql://127.0.0.1.example.com/db            | false
			""")
	void onlyLoopbackHostsAndUnixSocketsAreLocal(String url, boolean local) {
		assertThat(JdbcUrls.isLocal(url)).isEqualTo(local);
	}

}
