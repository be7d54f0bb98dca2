package io.github.chanuka.database.ops.backup;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Restores an archive into a scratch database on the primary's server, compares the row
 * count of every table with the source's, and drops the scratch database whatever
 * happened.
 *
 * @author Chanuka Database
 */
final class ScratchRestore {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS");

	private static final int TABLES_NAMED = 10;

	private final HikariDataSource primary;

	private final PgTool pgRestore;

	private final BackupSettings settings;

	ScratchRestore(HikariDataSource primary, PgTool pgRestore, BackupSettings settings) {
		this.primary = primary;
		this.pgRestore = pgRestore;
		this.settings = settings;
	}

	/**
	 * Return a new scratch database name.
	 * @param time the current time
	 * @return {@code chanuka_verify_<timestamp>_<random>}
	 */
	static String scratchName(LocalDateTime time) {
		return "chanuka_verify_" + TIMESTAMP.format(time) + "_"
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
	}

	/**
	 * Restore an archive into a new scratch database and compare its row counts.
	 * @param archive the archive
	 * @param expected rows per table in the source when it was dumped
	 * @param scratch the scratch database name
	 * @return the check
	 * @throws BackupException when the restore fails or a count differs
	 */
	RestoreCheck verify(Path archive, SortedMap<String, Long> expected, String scratch) {
		execute("create database \"" + scratch + "\"", "create the scratch database " + scratch);
		BackupException failure = null;
		try {
			restore(archive, scratch);
			SortedMap<String, Long> restored = count(scratch);
			List<String> differences = differences(expected, restored);
			if (!differences.isEmpty()) {
				throw new BackupException("The backup " + archive + " restored into " + scratch + " with other row"
						+ " counts than the source had when it was dumped: " + String.join(", ", differences),
						"Do not rely on this backup: find why the tables differ (a failed or filtered dump), then back"
								+ " up again",
						false);
			}
			return new RestoreCheck(scratch, restored.size(), restored.values().stream().mapToLong(Long::longValue).sum());
		}
		catch (BackupException ex) {
			failure = ex;
			throw ex;
		}
		finally {
			drop(scratch, failure);
		}
	}

	private void drop(String scratch, @Nullable BackupException failure) {
		try {
			execute("drop database if exists \"" + scratch + "\" with (force)", "drop the scratch database " + scratch);
		}
		catch (BackupException ex) {
			if (failure == null) {
				throw ex;
			}
			failure.addSuppressed(ex);
		}
	}

	private void restore(Path archive, String scratch) {
		ConnectionOptions connection = ConnectionOptions.of(this.primary).withDatabase(scratch);
		ProcessRunner.Result result = ProcessRunner.run(List.of(this.pgRestore.path().toString(), "--no-owner",
				"--no-acl", "--single-transaction", "--exit-on-error", "--no-password",
				"--dbname=" + connection.conninfo(), archive.toString()), connection.environment(),
				this.settings.timeout());
		if (!result.succeeded()) {
			throw new BackupException("The backup " + archive + " does not restore (tried in the scratch database "
					+ scratch + ", dropped since): " + result.errorSummary(),
					"Do not rely on this backup: fix the cause pg_restore reports (a truncated or damaged file, a"
							+ " missing extension or role), then back up again",
					false);
		}
	}

	private SortedMap<String, Long> count(String scratch) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(this.primary.getJdbcUrl());
		this.primary.getDataSourceProperties()
			.forEach((name, value) -> setProperty(dataSource, String.valueOf(name), String.valueOf(value)));
		dataSource.setDatabaseName(scratch);
		dataSource.setUser(this.primary.getUsername());
		dataSource.setPassword(this.primary.getPassword());
		try (Connection connection = dataSource.getConnection()) {
			return TableRowCounts.of(connection);
		}
		catch (SQLException ex) {
			throw new BackupException("Cannot count the rows restored into the scratch database " + scratch + ": "
					+ ex.getMessage(), "Check that the application's user may connect to new databases", false);
		}
	}

	private static void setProperty(PGSimpleDataSource dataSource, String name, String value) {
		try {
			dataSource.setProperty(name, value);
		}
		catch (SQLException ex) {
			// not a driver property: the pool would not have passed it on either
		}
	}

	private void execute(String sql, String what) {
		try (Connection connection = this.primary.getConnection(); Statement statement = connection.createStatement()) {
			if (!connection.getAutoCommit()) {
				connection.commit();
				connection.setAutoCommit(true);
			}
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new BackupException("Cannot " + what + " to verify the restore: " + ex.getMessage(),
					"Let the application's user create databases (CREATEDB) for db backup --verify restore, or verify"
							+ " with --verify list",
					false);
		}
	}

	static List<String> differences(SortedMap<String, Long> expected, SortedMap<String, Long> restored) {
		List<String> differences = new ArrayList<>();
		for (String table : new TreeSet<>(union(expected, restored))) {
			Long source = expected.get(table);
			Long copy = restored.get(table);
			if (source == null || !source.equals(copy)) {
				differences.add(table + " (" + describe(source) + " in the source, " + describe(copy) + " restored)");
			}
		}
		if (differences.size() > TABLES_NAMED) {
			int more = differences.size() - TABLES_NAMED;
			List<String> named = new ArrayList<>(differences.subList(0, TABLES_NAMED));
			named.add("and " + more + " more table(s)");
			return named;
		}
		return differences;
	}

	private static List<String> union(Map<String, Long> first, Map<String, Long> second) {
		List<String> all = new ArrayList<>(first.keySet());
		all.addAll(second.keySet());
		return all;
	}

	private static String describe(@Nullable Long rows) {
		return (rows != null) ? rows + " rows" : "no table";
	}

}
