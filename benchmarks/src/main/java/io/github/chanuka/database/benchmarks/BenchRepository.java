package io.github.chanuka.database.benchmarks;

import io.github.chanuka.database.resilience.DatabaseOperation;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an application does in the Spring-managed variants: a read-only transaction that
 * reads one row by primary key, and a {@link DatabaseOperation} write transaction (retried
 * on transient failures under the starter; a plain transaction under plain Boot, where
 * the annotation has no advisor).
 */
public class BenchRepository {

	private final JdbcTemplate jdbc;

	public BenchRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public String findName(long id) {
		return this.jdbc.queryForObject(BenchSchema.SELECT, String.class, id);
	}

	@DatabaseOperation("bench-insert")
	@Transactional
	public int insert(long itemId, String note) {
		return this.jdbc.update(BenchSchema.INSERT, itemId, note);
	}

	@Transactional
	public int insertWithoutRetry(long itemId, String note) {
		return this.jdbc.update(BenchSchema.INSERT, itemId, note);
	}

	@Transactional(readOnly = true)
	public int serverPort() {
		Integer port = this.jdbc.queryForObject("select inet_server_port()", Integer.class);
		return (port != null) ? port : -1;
	}

}
