package io.github.chanuka.database.sample;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes the {@code bills} table with {@link JdbcClient}.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@Repository
public class BillRepository {

	private static final String COLUMNS = "id, title, status, sponsor, introduced_on, updated_at";

	private final JdbcClient jdbc;

	public BillRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Return every bill, oldest first.
	 * @return the bills
	 */
	public List<Bill> findAll() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM bills ORDER BY id").query(BillRepository::map).list();
	}

	/**
	 * Return the bills at one stage, oldest first.
	 * @param status the stage
	 * @return the bills
	 */
	public List<Bill> findByStatus(BillStatus status) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM bills WHERE status = :status ORDER BY id")
			.param("status", status.name())
			.query(BillRepository::map)
			.list();
	}

	/**
	 * Return one bill.
	 * @param id the identifier
	 * @return the bill, empty when there is none with this identifier
	 */
	public Optional<Bill> findById(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM bills WHERE id = :id")
			.param("id", id)
			.query(BillRepository::map)
			.optional();
	}

	/**
	 * Store a new bill.
	 * @param bill the bill
	 * @return the stored bill with its identifier and timestamp
	 */
	public Bill insert(NewBill bill) {
		return this.jdbc
			.sql("INSERT INTO bills (title, status, sponsor, introduced_on, updated_at) "
					+ "VALUES (:title, :status, :sponsor, :introducedOn, now()) RETURNING " + COLUMNS)
			.param("title", bill.title().strip())
			.param("status", bill.statusOrDefault().name())
			.param("sponsor", bill.sponsor())
			.param("introducedOn", bill.introducedOn())
			.query(BillRepository::map)
			.single();
	}

	/**
	 * Apply changes to a bill and bump its timestamp.
	 * @param id the identifier
	 * @param changes the fields to replace
	 * @return the updated bill, empty when there is none with this identifier
	 */
	public Optional<Bill> update(long id, BillChanges changes) {
		return this.jdbc
			.sql("UPDATE bills SET title = coalesce(:title, title), status = coalesce(:status, status), "
					+ "sponsor = coalesce(:sponsor, sponsor), updated_at = now() WHERE id = :id RETURNING " + COLUMNS)
			.param("id", id)
			.param("title", strip(changes.title()))
			.param("status", (changes.status() != null) ? changes.status().name() : null)
			.param("sponsor", changes.sponsor())
			.query(BillRepository::map)
			.optional();
	}

	private static @Nullable String strip(@Nullable String text) {
		return (text != null) ? text.strip() : null;
	}

	private static Bill map(ResultSet rs, int row) throws SQLException {
		return new Bill(rs.getLong("id"), rs.getString("title"), BillStatus.valueOf(rs.getString("status")),
				rs.getString("sponsor"), rs.getObject("introduced_on", LocalDate.class),
				rs.getObject("updated_at", OffsetDateTime.class));
	}

}
