package io.github.chanuka.database.node;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query that can only read is told from one that may change data; when in doubt, it
 * may write.
 */
class ReadOnlyQueriesTests {

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "SELECT 1", "select * from bills where id = ?", "SELECT * FROM bills WHERE id = $1",
			"  /* leading */ -- line\n SELECT 1", "(SELECT 1) UNION (SELECT 2)", "TABLE bills",
			"VALUES (1, 'a'), (2, 'b')", "SHOW search_path",
			"WITH recent AS (SELECT * FROM bills) SELECT * FROM recent",
			"SELECT 'insert into t', \"update\", \"into\" FROM bills -- delete",
			"SELECT $$ DELETE FROM bills $$, $tag$ insert $tag$ FROM bills", "SELECT E'it\\'s an update'",
			"SELECT 'it''s an insert'", "SELECT /* a /* nested */ insert */ 1",
			"SELECT substring(title FROM 1 FOR 3) FROM bills", "SELECT * FROM bills_for_update",
			"SELECT 1;", "SELECT 1; -- done\n", "EXPLAIN SELECT 1", "EXPLAIN VERBOSE SELECT 1",
			"EXPLAIN DELETE FROM bills", "EXPLAIN (ANALYZE false) DELETE FROM bills",
			"EXPLAIN (ANALYSE off, BUFFERS) UPDATE bills SET paid = true",
			"EXPLAIN (ANALYZE 0) INSERT INTO bills VALUES (1)",
			"EXPLAIN (FORMAT JSON, COSTS false) SELECT * FROM analyze_results" })
	void queriesThatCanOnlyReadAreReads(String sql) {
		assertThat(ReadOnlyQueries.isReadOnly(sql)).isTrue();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "SELECT * FROM bills FOR UPDATE", "SELECT * FROM bills FOR NO KEY UPDATE SKIP LOCKED",
			"SELECT * FROM bills FOR SHARE", "SELECT * FROM bills FOR KEY SHARE OF bills NOWAIT",
			"WITH b AS (SELECT * FROM bills FOR UPDATE) SELECT * FROM b" })
	void rowLocksChangeNoDataSoLockingSelectsAreReads(String sql) {
		assertThat(ReadOnlyQueries.isReadOnly(sql)).isTrue();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "INSERT INTO bills VALUES (1) RETURNING id", "UPDATE bills SET paid = true RETURNING *",
			"DELETE FROM bills RETURNING id", "MERGE INTO bills USING drafts ON true WHEN MATCHED THEN DELETE",
			"CREATE TABLE archive AS SELECT * FROM bills", "CALL archive_bills()", "{call archive_bills()}",
			"/* a /* b */ c */ INSERT INTO bills VALUES (1)", "/* a /* b */ SELECT */ INSERT INTO bills VALUES (1)",
			"WITH gone AS (DELETE FROM bills RETURNING *) SELECT * FROM gone",
			"WITH gone AS (/* archive */ DELETE FROM bills RETURNING *) SELECT * FROM gone",
			"WITH x AS (SELECT 1) -- note\nINSERT INTO bills SELECT * FROM x",
			"WITH /* a /* b */ SELECT */ moved AS (UPDATE bills SET paid = true RETURNING *) SELECT * FROM moved",
			"WITH moved AS (UPDATE bills SET paid = true RETURNING *) SELECT * FROM moved FOR UPDATE",
			"WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) CYCLE n SET seen USING key "
					+ "UPDATE bills SET paid = true",
			"WITH b AS (SELECT 1) MERGE INTO bills USING b ON true WHEN MATCHED THEN DELETE" })
	void statementsThatChangeDataAreWrites(String sql) {
		assertThat(ReadOnlyQueries.isReadOnly(sql)).isFalse();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "SELECT * INTO archive FROM bills", "SELECT * INTO TEMP archive FROM bills",
			"select id into unlogged table archive from bills",
			"WITH b AS (SELECT * FROM bills) SELECT * INTO archive FROM b", "SELECT 1into archive" })
	void selectIntoCreatesATableSoItIsAWrite(String sql) {
		assertThat(ReadOnlyQueries.isReadOnly(sql)).isFalse();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "EXPLAIN ANALYZE INSERT INTO bills VALUES (1)",
			"EXPLAIN ANALYSE INSERT INTO bills VALUES (1)", "explain analyse verbose delete from bills",
			"EXPLAIN /* plan */ ANALYZE DELETE FROM bills", "EXPLAIN (ANALYSE) DELETE FROM bills",
			"EXPLAIN (ANALYZE) DELETE FROM bills", "EXPLAIN (ANALYZE true, BUFFERS) DELETE FROM bills",
			"EXPLAIN (ANALYZE on) DELETE FROM bills", "EXPLAIN (ANALYZE 1) DELETE FROM bills",
			"EXPLAIN (FORMAT JSON, ANALYSE) UPDATE bills SET paid = true",
			"EXPLAIN (ANALYZE false, ANALYZE true) DELETE FROM bills", "EXPLAIN (\"analyze\") DELETE FROM bills",
			"EXPLAIN (ANALYZE 'false') DELETE FROM bills", "EXPLAIN ANALYZE SELECT 1" })
	void explainThatRunsTheStatementIsAWrite(String sql) {
		assertThat(ReadOnlyQueries.isReadOnly(sql)).isFalse();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "SELECT 1; DELETE FROM bills", "SELECT 1; SELECT 2", "SHOW search_path; DROP TABLE bills",
			"SELECT 1 /* unterminated", "SELECT 1 /* a /* b */ still open", "SELECT 'unterminated",
			"SELECT \"unterminated", "SELECT $$ unterminated", "SELECT E'unterminated\\'",
			"SELECT 'a\\', ' INTO archive FROM bills; --'", "", "   ", "-- only a comment" })
	void whatCannotBeToldForSureMayWrite(String sql) {
		assertThat(ReadOnlyQueries.isReadOnly(sql)).isFalse();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "SELECT 1", "select * from bills where id = ?", "SHOW search_path",
			"WITH recent AS (SELECT * FROM bills) SELECT * FROM recent", "EXPLAIN SELECT * FROM bills",
			"SELECT 'set_config(''a'', ''b'', true)' -- pg_advisory_xact_lock(1)", "SELECT set_configuration FROM t",
			"SELECT \"Set_config\"('a', 'b', true)", "SELECT current_setting('app.tenant')",
			"SELECT * FROM bills ORDER BY id FETCH FIRST 1 ROWS ONLY", "SELECT pg_advisory_lock(1)" })
	void readsThatLeaveNothingForTheRestOfTheTransactionArePlain(String sql) {
		assertThat(ReadOnlyQueries.isPlainRead(sql)).isTrue();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "SELECT set_config('app.tenant', '7', true)",
			"select pg_catalog.SET_CONFIG('app.tenant', '7', false)", "SELECT \"set_config\"('a', 'b', true)",
			"SELECT pg_advisory_xact_lock(42)", "SELECT pg_try_advisory_xact_lock(1, 2)",
			"SELECT pg_advisory_xact_lock_shared(42)", "SELECT pg_try_advisory_xact_lock_shared(42)",
			"SELECT pg_export_snapshot()", "SELECT txid_current()", "SELECT pg_current_xact_id()",
			"SELECT * FROM bills FOR UPDATE", "SELECT * FROM bills FOR SHARE", "SELECT * FROM bills FOR NO KEY UPDATE",
			"SELECT * FROM bills FOR KEY SHARE", "SET LOCAL app.tenant = '7'", "SET app.tenant = '7'",
			"DECLARE c CURSOR FOR SELECT 1", "LOCK TABLE bills", "SAVEPOINT s", "FETCH 10 FROM c",
			"INSERT INTO bills VALUES (1)", "SELECT 1; SELECT 2", "SELECT 1 /* unterminated", "" })
	void statementsThatNeedTheirTransactionAreNotPlainReads(String sql) {
		assertThat(ReadOnlyQueries.isPlainRead(sql)).isFalse();
	}

}
