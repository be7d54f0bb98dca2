package io.github.chanuka.database.metrics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SqlMaskerTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			select /* don't */ name, 'sensitive' from t           | select name, ? from t
			select name -- it's\\n, 'sensitive' from t              | select name , ? from t
			select E'it\\'s secret', 1                             | select ?, ?
			select e'a\\\\', 'b'                                   | select ?, ?
			select $a1$secret$a1$, $$x$$ from t                    | select ?, ? from t
			select $q$ it's $x$ $q$ + 'y'                          | select ? + ?
			select 1 /* api_key=abc123 */                          | select ?
			select /* outer /* inner secret */ still secret */ 1   | select ?
			select 0x1F, 0o17, 0b101, 1_000, 1.5e-3, .5, 2E+10     | select ?, ?, ?, ?, ?, ?, ?
			select B'1010', X'1F', N'secret', U&'d\\0061t\\+000061' | select ?, ?, ?, ?
			select "weird ""name""\", "col" from "T"               | select "weird ""name""\", "col" from "T"
			select * from t where a = $1 and b = ? and c = $12   | select * from t where a = $1 and b = ? and c = $12
			select a$b, x::int from t                              | select a$b, x::int from t
			select 'unterminated secret                           | select ?...
			select $tag$ unterminated secret                      | select ?...
			select 1 /* unterminated secret                       | select ? ?...
			select "unterminated secret                           | select ?...
			select 'a\\', 'secret'                                 | select ?...
			update t set n = n - 1 where id=7                     | update t set n = n - ? where id=?
			""")
	void literalsAndCommentsAreMasked(String sql, String expected) {
		assertThat(SqlMasker.mask(sql.replace("\\n", "\n"))).isEqualTo(expected);
	}

}
