package io.github.chanuka.database.ops.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.zaxxer.hikari.HikariDataSource;
import io.github.chanuka.database.node.DatabaseNode;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Backs up and restores the primary with {@code pg_dump} and {@code pg_restore} in the
 * custom format. The password reaches the tools through {@code PGPASSWORD}, never
 * their command line; a client older than the server is refused before it runs; each
 * backup is read back with {@code pg_restore --list}. Behind {@code db backup},
 * {@code db restore} and scheduled backups.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class BackupOperations {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

	private final HikariDataSource primary;

	private final String database;

	private final BackupSettings settings;

	private final PgTools tools;

	private final Clock clock;

	/**
	 * Create the operations, finding the tools on the process's PATH.
	 * @param primary the primary node
	 * @param settings where backups go and which tools make them
	 */
	public BackupOperations(DatabaseNode primary, BackupSettings settings) {
		this(primary, settings, System.getenv("PATH"), Clock.systemDefaultZone());
	}

	BackupOperations(DatabaseNode primary, BackupSettings settings, @Nullable String searchPath, Clock clock) {
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
		Path file = (output != null) ? output : newBackupFile();
		if (Files.exists(file)) {
			throw new BackupException(file + " already exists", "Choose another file with --output, or move it away",
					true);
		}
		PgTool pgDump = this.tools.pgDump();
		String serverVersion = requireCompatible(pgDump, "back up");
		ConnectionOptions connection = ConnectionOptions.of(this.primary);
		createParent(file);
		ProcessRunner.Result result = ProcessRunner.run(List.of(pgDump.path().toString(), "--format=custom",
				"--no-password", "--file=" + file, "--dbname=" + connection.conninfo()), connection.environment());
		if (!result.succeeded()) {
			deleteQuietly(file);
			throw new BackupException("pg_dump failed to back up " + this.database + ": " + result.errorSummary(),
					"Fix the cause pg_dump reports and run the backup again", false);
		}
		int entries = verify(file);
		return new BackupResult(file, size(file), entries, this.database, pgDump.toString(), serverVersion);
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
				Map.of());
		if (!result.succeeded()) {
			throw new BackupException(file + " is not a readable custom-format backup: " + result.errorSummary(),
					"Use a backup made by pg_dump --format=custom with a pg_restore of its version or newer", false);
		}
		return (int) result.stdout().lines().filter((line) -> !line.isBlank() && !line.startsWith(";")).count();
	}

	/**
	 * Restore an archive into the primary, replacing the objects it holds, in a single
	 * transaction.
	 * @param input the archive
	 * @return the restore
	 * @throws BackupException when the archive or tools are unusable or
	 * {@code pg_restore} fails
	 */
	public RestoreResult restore(Path input) {
		requireReadable(input);
		PgTool pgRestore = this.tools.pgRestore();
		requireCompatible(pgRestore, "restore into");
		int entries = verify(input);
		ConnectionOptions connection = ConnectionOptions.of(this.primary);
		List<String> command = new ArrayList<>(List.of(pgRestore.path().toString(), "--clean", "--if-exists",
				"--no-owner", "--single-transaction", "--exit-on-error", "--no-password",
				"--dbname=" + connection.conninfo(), input.toString()));
		ProcessRunner.Result result = ProcessRunner.run(command, connection.environment());
		if (!result.succeeded()) {
			throw new BackupException("pg_restore failed to restore " + input + " into " + this.database
					+ " (nothing was changed): " + result.errorSummary(),
					"Fix the cause pg_restore reports and run the restore again", false);
		}
		return new RestoreResult(input, entries, this.database, pgRestore.toString(), true);
	}

	/**
	 * Verify an archive and say what {@link #restore(Path)} would restore, changing
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
		Path directory = (this.settings.directory() != null) ? this.settings.directory() : Path.of("");
		return directory.resolve(filePrefix() + TIMESTAMP.format(LocalDateTime.now(this.clock)) + ".dump");
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

	private static void createParent(Path file) {
		Path parent = file.toAbsolutePath().getParent();
		try {
			Files.createDirectories(parent);
		}
		catch (IOException ex) {
			throw new BackupException("Cannot create the backup directory " + parent + ": " + ex.getMessage(),
					"Choose a writable location", true);
		}
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
