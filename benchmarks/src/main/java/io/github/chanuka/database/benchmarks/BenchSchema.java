package io.github.chanuka.database.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables the benchmarks use: {@code bench_item}, {@value #ITEMS} rows read by primary
 * key, and {@code bench_event}, which the INSERT benchmarks append to.
 */
public final class BenchSchema {

	/**
	 * Rows in {@code bench_item}; ids run from 1 to this.
	 */
	public static final int ITEMS = 10_000;

	/**
	 * The primary-key SELECT every variant runs.
	 */
	public static final String SELECT = "select name from bench_item where id = ?";

	/**
	 * The INSERT every variant runs.
	 */
	public static final String INSERT = "insert into bench_event (item_id, note) values (?, ?)";

	private BenchSchema() {
	}

	/**
	 * Create the tables and rows, replacing earlier ones.
	 * @param target the server
	 * @throws SQLException when the server refuses
	 */
	public static void create(BenchTarget target) throws SQLException {
		try (Connection connection = DriverManager.getConnection(target.primaryUrl(), target.username(),
				target.password()); Statement statement = connection.createStatement()) {
			statement.execute("drop table if exists bench_item, bench_event");
			statement.execute("create table bench_item (id bigint primary key, name text not null, "
					+ "amount numeric(12, 2) not null)");
			statement.execute("insert into bench_item select i, 'item-' || i, i * 1.5 from generate_series(1, "
					+ ITEMS + ") i");
			statement.execute("create table bench_event (id bigserial primary key, item_id bigint not null, "
					+ "note text, created_at timestamptz not null default now())");
			statement.execute("analyze bench_item");
		}
	}

	/**
	 * Empty {@code bench_event}, so every INSERT trial starts from the same table.
	 * @param target the server
	 * @throws SQLException when the server refuses
	 */
	public static void truncateEvents(BenchTarget target) throws SQLException {
		try (Connection connection = DriverManager.getConnection(target.primaryUrl(), target.username(),
				target.password()); Statement statement = connection.createStatement()) {
			statement.execute("truncate bench_event");
			statement.execute("checkpoint");
		}
	}

}
