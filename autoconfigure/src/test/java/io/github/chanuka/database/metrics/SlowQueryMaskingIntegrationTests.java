package io.github.chanuka.database.metrics;

import java.util.List;

import io.github.chanuka.database.autoconfigure.ChanukaDataSourceAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaMetricsAutoConfiguration;
import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real statements carrying a secret in every literal and comment form, run on a real
 * server with a slow-query threshold every statement exceeds: each is logged, and the
 * log holds none of the secrets.
 */
@EmbeddedCluster
@ExtendWith(OutputCaptureExtension.class)
class SlowQueryMaskingIntegrationTests {

	/**
	 * Statement, secret it carries. Each statement has its own shape (its alias), so
	 * the rate limit lets every one of them through.
	 */
	private static final List<String[]> STATEMENTS = List.of(
			new String[] { "select 'it''s STANDARDSECRET' as standard_string", "STANDARDSECRET" },
			new String[] { "select E'it\\'s ESCAPESECRET\\\\' as escape_string", "ESCAPESECRET" },
			new String[] { "select $a1$ DOLLARTAGSECRET $a1$ as dollar_tag", "DOLLARTAGSECRET" },
			new String[] { "select $$ DOLLARSECRET's $$ as dollar_plain", "DOLLARSECRET" },
			new String[] { "select /* don't api_key=COMMENTSECRET */ 1 as block_comment", "COMMENTSECRET" },
			new String[] { "select /* a /* NESTEDSECRET */ b */ 2 as nested_comment", "NESTEDSECRET" },
			new String[] { "select 3 as line_comment -- it's LINESECRET\n", "LINESECRET" },
			new String[] { "select N'NATIONALSECRET' as national_string", "NATIONALSECRET" },
			new String[] { "select U&'UNICODESECRET\\0041' as unicode_string", "UNICODESECRET" },
			new String[] { "select B'1011001110001111' as bit_string", "1011001110001111" },
			new String[] { "select X'DEADBEEF4242' as hex_string", "DEADBEEF4242" },
			new String[] { "select 8675309123 as integer_number", "8675309123" },
			new String[] { "select 31415.926535e3 as exponent_number", "926535" },
			new String[] { "select .7182818284 as leading_dot", "7182818284" },
			new String[] { "select 0x1F2E3D4C, 4 as hex_number", "1F2E3D4C" },
			new String[] { "select 1_424_242_4242, 5 as underscored_number", "424242" },
			new String[] { "select 1 as quoted_where, 2 as \"QuotedAlias\" where 'x' <> 'WHERESECRET'", "WHERESECRET" });

	@Test
	void noSecretInAnyLiteralOrCommentFormReachesTheSlowQueryLog(PostgresCluster cluster, CapturedOutput output) {
		PostgresNode primary = cluster.primary();
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class, ChanukaMetricsAutoConfiguration.class,
							JdbcTemplateAutoConfiguration.class))
			.withPropertyValues("chanuka.database.url=" + primary.jdbcUrl(),
					"chanuka.database.username=" + primary.username(),
					"chanuka.database.password=" + primary.password(),
					"chanuka.database.monitoring.slow-query-threshold=1ns")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				for (String[] statement : STATEMENTS) {
					jdbc.queryForList(statement[0]);
				}
				jdbc.queryForObject("select ?::text as bound_parameter", String.class, "PARAMETERSECRET");
			});
		String log = output.getAll();
		for (String[] statement : STATEMENTS) {
			String alias = statement[0].replaceAll("(?s).* as (\\w+).*", "$1");
			assertThat(log).as("slow-query line of %s", alias).containsPattern("Slow statement on primary .* as " + alias);
			assertThat(log).doesNotContain(statement[1]);
		}
		assertThat(log).contains("as \"QuotedAlias\"", "as bound_parameter").doesNotContain("PARAMETERSECRET");
	}

}
