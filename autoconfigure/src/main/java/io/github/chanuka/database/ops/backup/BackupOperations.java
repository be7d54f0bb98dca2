package io.github.chanuka.database.ops.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;

import com.zaxxer.hikari.HikariDataSource;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.ops.DestructiveOperationGuard;
import io.github.chanuka.database.ops.DestructiveOperationRefusedException;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Backs up and restores the primary with {@code pg_dump} and {@code pg_restore} in the
 * custom format. The password reaches the tools through {@code PGPASSWORD}, never
 * their command line; a client older than the server is refused before it runs; each
 * backup is created owner-only (0600, in a directory created 0700) and read back with
 * {@code pg_restore --list}. Both tools wait at most the lock wait timeout for a lock and
 * are stopped after the timeout. Behind {@code db backup},
 * {@code db restore} and scheduled backups.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class BackupOperations {

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

	private final HikariDataSource primary;

	private final String database;

	private final BackupSettings settings;

	private final PgTools tools;

	private final Clock clock;

	private final DestructiveOperationGuard guard;

	/**
	 * Create the operations, finding the tools on the process's PATH. Without the
	 * application's environment, restores are allowed into a primary on this machine
	 * only.
	 * @param primary the primary node
	 * @param settings where backups go and which tools make them
	 */
	public BackupOperations(DatabaseNode primary, BackupSettings settings) {
		this(primary, settings, DestructiveOperationGuard.ofUnknownEnvironment(primary));
	}

	/**
	 * Create the operations, finding the tools on the process's PATH.
	 * @param primary the primary node
	 * @param settings where backups go and which tools make them
	 * @param guard decides whether a restore may replace the primary's data
	 */
	public BackupOperations(DatabaseNode primary, BackupSettings settings, DestructiveOperationGuard guard) {
		this(primary, settings, System.getenv("PATH"), Clock.systemDefaultZone(), guard);
	}

	BackupOperations(DatabaseNode primary, BackupSettings settings, @Nullable String searchPath, Clock clock,
			DestructiveOperationGuard guard) {
		this.guard = guard;
		this.primary = primary.dataSource();
		this.database = primary.maskedUrl();
		this.settings = settings;
		this.tools = new PgTools(settings, searchPath);
		this.clock = clock;
	}

	/**
	 * Back up the primary into a custom-format archive and verify it.
	 * @param output the archive to write, {@code null} for a new file in the backup
	 * directory named after the database and the time
	 * @return the verified backup
	 * @throws BackupException when the tools are missing or too old, the file exists, or
	 * {@code pg_dump} fails
	 */
	public BackupResult backup(@Nullable Path output) {
		return backup(output, BackupVerification.LIST);
	}

	/**
	 * Back up the primary into a custom-format archive and verify it as far as asked:
	 * with {@link BackupVerification#RESTORE}, the dump is taken in the snapshot of a
	 * transaction that counts every table's rows, and the archive is restored into a
	 * scratch database whose counts must match.
	 * @param output the archive to write, {@code null} for a new file in the backup
	 * directory named after the database and the time
	 * @param verification how far to verify it
	 * @return the verified backup
	 * @throws BackupException when the tools are missing or too old, the file exists,
	 * {@code pg_dump} fails, or the archive does not restore to the same row counts
	 */
	public BackupResult backup(@Nullable Path output, BackupVerification verification) {
		Path file = (output != null) ? output : newBackupFile();
		PgTool pgDump = this.tools.pgDump();
		String serverVersion = requireCompatible(pgDump, "back up");
		if (verification == BackupVerification.LIST) {
			dump(pgDump, file, List.of());
			return new BackupResult(file, size(file), verify(file), this.database, pgDump.toString(), serverVersion);
		}
		PgTool pgRestore = this.tools.pgRestore();
		requireCompatible(pgRestore, "restore into");
		SortedMap<String, Long> counts = dumpCounting(pgDump, file);
		int entries = verify(file);
		RestoreCheck check;
		try {
			check = new ScratchRestore(this.primary, pgRestore, this.settings).verify(file, counts,
					this.clock.instant());
		}
		catch (BackupException ex) {
			throw new BackupException(ex.getMessage() + " " + setAside(file), ex.getAction(),
					ex.isConfigurationProblem(), ex);
		}
		return new BackupResult(file, size(file), entries, this.database, pgDump.toString(), serverVersion, check);
	}

	/**
	 * Move a backup that failed its restore check out of the way of retention and of
	 * {@code db restore}, keeping it for inspection.
	 */
	private static String setAside(Path file) {
		Path aside = file.resolveSibling(file.getFileName() + ".unverified");
		try {
			Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
			return "The file was moved to " + aside + ".";
		}
		catch (IOException ex) {
			return "Could not move the file out of the way (" + ex.getMessage() + "); do not restore it.";
		}
	}

	private SortedMap<String, Long> dumpCounting(PgTool pgDump, Path file) {
		try (Connection source = this.primary.getConnection()) {
			source.setAutoCommit(false);
			source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			try {
				String snapshot;
				try (Statement statement = source.createStatement();
						ResultSet result = statement.executeQuery("select pg_export_snapshot()")) {
					result.next();
					snapshot = result.getString(1);
				}
				dump(pgDump, file, List.of("--snapshot=" + snapshot));
				return TableRowCounts.of(source);
			}
			finally {
				source.rollback();
			}
		}
		catch (SQLException ex) {
			deleteQuietly(file);
			throw new BackupException("Cannot count the rows of " + this.database + " in the dump's snapshot: "
					+ ex.getMessage(), "Fix the cause and run the backup again, or verify with --verify list", false);
		}
	}

	private void dump(PgTool pgDump, Path file, List<String> extraArguments) {
		ConnectionOptions connection = ConnectionOptions.of(this.primary);
		createPrivateFile(file);
		List<String> command = new ArrayList<>(List.of(pgDump.path().toString(), "--format=custom", "--no-password",
				"--lock-wait-timeout=" + millis(this.settings.lockWaitTimeout()), "--file=" + file));
		command.addAll(extraArguments);
		command.add("--dbname=" + connection.conninfo());
		ProcessRunner.Result result = ProcessRunner.run(command, connection.environment(), this.settings.timeout());
		if (!result.succeeded()) {
			deleteQuietly(file);
			throw new BackupException("pg_dump failed to back up " + this.database + ": " + result.errorSummary(),
					"Fix the cause pg_dump reports and run the backup again", false);
		}
	}

	/**
	 * Read an archive's table of contents with {@code pg_restore --list}.
	 * @param file the archive
	 * @return the number of entries
	 * @throws BackupException when it cannot be read
	 */
	public int verify(Path file) {
		requireReadable(file);
		PgTool pgRestore = this.tools.pgRestore();
		ProcessRunner.Result result = ProcessRunner.run(List.of(pgRestore.path().toString(), "--list", file.toString()),
				Map.of(), this.settings.timeout());
		if (!result.succeeded()) {
			throw new BackupException(file + " is not a readable custom-format backup: " + result.errorSummary(),
					"Use a backup made by pg_dump --format=custom with a pg_restore of its version or newer", false);
		}
		return (int) result.stdout().lines().filter((line) -> !line.isBlank() && !line.startsWith(";")).count();
	}

	/**
	 * Restore an archive into the primary, replacing the objects it holds, in a single
	 * transaction, if the {@link DestructiveOperationGuard guard} allows it: the caller
	 * names the primary's database, and the environment is an explicit development or
	 * test one or the primary is on this machine.
	 * @param input the archive
	 * @param confirmedDatabase the name of the primary's database, confirming it is the
	 * intended one
	 * @return the restore
	 * @throws DestructiveOperationRefusedException when the guard refuses the restore
	 * @throws BackupException when the archive or tools are unusable or
	 * {@code pg_restore} fails
	 */
	public RestoreResult restore(Path input, String confirmedDatabase) {
		return restore(input, confirmedDatabase, RestoreProgress.NONE);
	}

	/**
	 * Restore an archive into the primary as {@link #restore(Path, String)} does,
	 * telling a listener how far it has got.
	 * @param input the archive
	 * @param confirmedDatabase the name of the primary's database, confirming it is the
	 * intended one
	 * @param progress told after each object restored
	 * @return the restore
	 * @throws DestructiveOperationRefusedException when the guard refuses the restore
	 * @throws BackupException when the archive or tools are unusable or
	 * {@code pg_restore} fails
	 */
	public RestoreResult restore(Path input, String confirmedDatabase, RestoreProgress progress) {
		this.guard.check("db restore", confirmedDatabase);
		requireReadable(input);
		PgTool pgRestore = this.tools.pgRestore();
		requireCompatible(pgRestore, "restore into");
		int entries = verify(input);
		// pg_restore has no --lock-wait-timeout: the server's lock_timeout does the same job
		ConnectionOptions connection = ConnectionOptions.of(this.primary, this.settings.lockWaitTimeout());
		List<String> command = new ArrayList<>(List.of(pgRestore.path().toString(), "--clean", "--if-exists",
				"--no-owner", "--single-transaction", "--exit-on-error", "--no-password", "--verbose",
				"--dbname=" + connection.conninfo(), input.toString()));
		PgRestoreVerboseLines lines = new PgRestoreVerboseLines(entries, progress);
		ProcessRunner.Result result = ProcessRunner.run(command, connection.environment(), this.settings.timeout(),
				lines);
		if (!result.succeeded()) {
			String problems = PgRestoreVerboseLines.problems(result.stderr()).strip();
			throw new BackupException("pg_restore failed to restore " + input + " into " + this.database
					+ " (nothing was changed): " + (problems.isEmpty() ? result.errorSummary() : problems),
					"Fix the cause pg_restore reports and run the restore again", false);
		}
		lines.finish();
		return new RestoreResult(input, entries, this.database, pgRestore.toString(), true);
	}

	/**
	 * Verify an archive and say what {@link #restore(Path, String)} would restore, changing
	 * nothing.
	 * @param input the archive
	 * @return the restore it would be
	 * @throws BackupException when the archive or tools are unusable
	 */
	public RestoreResult previewRestore(Path input) {
		requireReadable(input);
		PgTool pgRestore = this.tools.pgRestore();
		requireCompatible(pgRestore, "restore into");
		return new RestoreResult(input, verify(input), this.database, pgRestore.toString(), false);
	}

	/**
	 * Return a new file in the backup directory (or the working directory) named after
	 * the database and the current time.
	 * @return the file
	 */
	public Path newBackupFile() {
		return newBackupFile(LocalDateTime.now(this.clock));
	}

	Path newBackupFile(LocalDateTime time) {
		Path directory = (this.settings.directory() != null) ? this.settings.directory() : Path.of("");
		return directory.resolve(filePrefix() + TIMESTAMP.format(time) + ".dump");
	}

	/**
	 * Return the start of the names of backups made without an explicit file.
	 * @return the database name followed by a hyphen
	 */
	public String filePrefix() {
		String database = ConnectionOptions.of(this.primary).database();
		return (database.isEmpty() ? "postgres" : database) + "-";
	}

	/**
	 * Return the primary, URL masked.
	 * @return the database
	 */
	public String database() {
		return this.database;
	}

	HikariDataSource primaryDataSource() {
		return this.primary;
	}

	private String requireCompatible(PgTool tool, String operation) {
		Map<String, Object> server = new JdbcTemplate(this.primary).queryForMap(
				"select current_setting('server_version_num')::int as number, current_setting('server_version') as version");
		int serverNumber = ((Number) Objects.requireNonNull(server.get("number"), "server_version_num")).intValue();
		int serverMajor = serverNumber - serverNumber % ((serverNumber >= 100000) ? 10000 : 100);
		if (tool.majorVersionNumber() < serverMajor) {
			String major = PgTool.majorVersion(serverMajor);
			throw new BackupException(tool + " is older than the PostgreSQL " + major + " server at " + this.database
					+ ": it cannot " + operation + " a newer server",
					"Install the PostgreSQL " + major + " client tools (such as the package postgresql-client-" + major
							+ ") and put them first on the PATH, or set chanuka.database.backup." + tool.name().replace('_', '-')
							+ "-path to a " + tool.name() + " of version " + major + " or newer",
					true);
		}
		return (String) Objects.requireNonNull(server.get("version"), "server_version");
	}

	private static void requireReadable(Path file) {
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
			throw new BackupException(file + " is not a readable file", "Give the path of a backup made by 'db backup'",
					true);
		}
	}

	/**
	 * Create the archive before {@code pg_dump} writes it: owner-only (0600) in a
	 * directory created owner-only (0700), and atomically refused when it exists, so
	 * no other process can swap in a file or read the dump as it is written.
	 */
	private static void createPrivateFile(Path file) {
		Path parent = file.toAbsolutePath().getParent();
		boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
		try {
			if (posix) {
				Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
			}
			else {
				Files.createDirectories(parent);
			}
		}
		catch (IOException ex) {
			throw new BackupException("Cannot create the backup directory " + parent + ": " + ex.getMessage(),
					"Choose a writable location", true);
		}
		try {
			if (posix) {
				Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
			}
			else {
				Files.createFile(file);
			}
		}
		catch (FileAlreadyExistsException ex) {
			throw new BackupException(file + " already exists", "Choose another file with --output, or move it away",
					true);
		}
		catch (IOException ex) {
			throw new BackupException("Cannot create the backup file " + file + ": " + ex.getMessage(),
					"Choose a writable location", true);
		}
	}

	private static long millis(Duration duration) {
		return Math.max(1, duration.toMillis());
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// the failure pg_dump reported is what matters
		}
	}

}
