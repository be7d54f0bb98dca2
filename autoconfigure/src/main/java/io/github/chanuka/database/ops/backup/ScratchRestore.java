package io.github.chanuka.database.ops.backup;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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

	private static final Log logger = LogFactory.getLog(ScratchRestore.class);

	private static final String PREFIX = "chanuka_verify_";

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
	 * @param now the current time
	 * @return {@code chanuka_verify_<UTC timestamp>_<random>}
	 */
	static String scratchName(Instant now) {
		return PREFIX + TIMESTAMP.format(LocalDateTime.ofInstant(now, ZoneOffset.UTC)) + "_"
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
	}

	/**
	 * Return when a scratch database was created, from its name.
	 * @param name a database name
	 * @return the time, or {@code null} when the name is not a scratch database's
	 */
	static @Nullable Instant createdAt(String name) {
		if (!name.startsWith(PREFIX) || name.length() < PREFIX.length() + 19) {
			return null;
		}
		try {
			return LocalDateTime.parse(name.substring(PREFIX.length(), PREFIX.length() + 19), TIMESTAMP)
				.toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * Restore an archive into a new scratch database and compare its row counts.
	 * @param archive the archive
	 * @param expected rows per table in the source when it was dumped
	 * @param now the current time, which names the scratch database
	 * @return the check
	 * @throws BackupException when the restore fails or a count differs
	 */
	RestoreCheck verify(Path archive, SortedMap<String, Long> expected, Instant now) {
		dropAbandoned(now);
		String scratch = scratchName(now);
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

	/**
	 * Drop scratch databases left by a verification that never finished (its JVM was
	 * killed): older than twice the tool timeout, no verification can still use them.
	 */
	private void dropAbandoned(Instant now) {
		Instant cutoff = now.minus(this.settings.timeout().multipliedBy(2));
		List<String> abandoned = new ArrayList<>();
		try (Connection connection = this.primary.getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("select datname from pg_database where datname like 'chanuka\\_verify\\_%'")) {
			while (result.next()) {
				String name = result.getString(1);
				Instant created = createdAt(name);
				if (created != null && created.isBefore(cutoff)) {
					abandoned.add(name);
				}
			}
		}
		catch (SQLException ex) {
			logger.debug("Could not look for abandoned scratch databases: " + ex.getMessage());
			return;
		}
		for (String name : abandoned) {
			logger.info("Dropping the scratch database " + name + ", left by a restore check that never finished");
			try {
				execute("drop database if exists \"" + name + "\" with (force)", "drop the scratch database " + name);
			}
			catch (BackupException ex) {
				logger.warn(ex.getMessage());
			}
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
