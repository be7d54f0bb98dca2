package io.github.chanuka.database.ops.backup;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Finds {@code pg_dump} and {@code pg_restore}: at the configured path, else next to
 * each other, else on the PATH; and reads their versions.
 *
 * @author Chanuka Database
 */
final class PgTools {

	private static final String PG_DUMP = "pg_dump";

	private static final String PG_RESTORE = "pg_restore";

	private final BackupSettings settings;

	private final String searchPath;

	PgTools(BackupSettings settings, @Nullable String searchPath) {
		this.settings = settings;
		this.searchPath = (searchPath != null) ? searchPath : "";
	}

	PgTool pgDump() {
		return tool(PG_DUMP, this.settings.pgDumpPath(), "chanuka.database.backup.pg-dump-path", null);
	}

	PgTool pgRestore() {
		Path sibling = null;
		if (this.settings.pgDumpPath() != null) {
			sibling = this.settings.pgDumpPath().resolveSibling(executable(PG_RESTORE));
		}
		return tool(PG_RESTORE, this.settings.pgRestorePath(), "chanuka.database.backup.pg-restore-path", sibling);
	}

	private PgTool tool(String name, @Nullable Path configured, String property, @Nullable Path sibling) {
		Path path;
		if (configured != null) {
			if (!Files.isRegularFile(configured) || !Files.isExecutable(configured)) {
				throw new BackupException(property + "=" + configured + " is not an executable file",
						"Point " + property + " at the " + name + " of the PostgreSQL client tools, or unset it to use the "
								+ name + " on the PATH",
						true);
			}
			path = configured;
		}
		else if (sibling != null && Files.isExecutable(sibling)) {
			path = sibling;
		}
		else {
			path = onSearchPath(name);
			if (path == null) {
				throw new BackupException(name + " was not found on the PATH",
						"Install the PostgreSQL client tools of the server's version or newer (such as the package"
								+ " postgresql-client), or set " + property + " to the " + name + " to use",
						true);
			}
		}
		ProcessRunner.Result result = ProcessRunner.run(List.of(path.toString(), "--version"), Map.of(),
				this.settings.timeout());
		String version = result.succeeded() ? PgTool.parseVersion(result.stdout()) : null;
		if (version == null) {
			throw new BackupException(path + " --version did not report a PostgreSQL version ("
					+ result.errorSummary() + ")", "Check that " + path + " is PostgreSQL's " + name, true);
		}
		return new PgTool(name, path, version);
	}

	private @Nullable Path onSearchPath(String name) {
		for (String directory : this.searchPath.split(File.pathSeparator)) {
			if (!directory.isBlank()) {
				Path candidate = Path.of(directory, executable(name));
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		return null;
	}

	private static String executable(String name) {
		return System.getProperty("os.name").startsWith("Windows") ? name + ".exe" : name;
	}

}
