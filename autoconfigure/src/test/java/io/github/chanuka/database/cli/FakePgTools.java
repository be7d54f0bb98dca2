package io.github.chanuka.database.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Stand-ins for {@code pg_dump} and {@code pg_restore} that report a chosen version
 * and record how they were called (arguments, and the password they were given), for
 * tests that check what the tools receive rather than what PostgreSQL does with it.
 */
final class FakePgTools {

	private final Path directory;

	private FakePgTools(Path directory) {
		this.directory = directory;
	}

	static FakePgTools install(Path directory, String version, int pgDumpExitCode) {
		write(directory.resolve("pg_dump"), """
				#!/bin/sh
				if [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) %s"; exit 0; fi
				here=$(dirname "$0")
				printf '%%s\\n' "$@" > "$here/pg_dump.args"
				printf '%%s' "$PGPASSWORD" > "$here/pg_dump.password"
				if [ %d -ne 0 ]; then echo "pg_dump: error: connection to server failed" >&2; exit %d; fi
				for arg in "$@"; do case "$arg" in --file=*) printf 'PGDMP fake archive' > "${arg#--file=}";; esac; done
				echo "$(date +%%s%%N)" >> "$here/pg_dump.calls"
				""".formatted(version, pgDumpExitCode, pgDumpExitCode));
		write(directory.resolve("pg_restore"), """
				#!/bin/sh
				if [ "$1" = "--version" ]; then echo "pg_restore (PostgreSQL) %s"; exit 0; fi
				if [ "$1" = "--list" ]; then
				  case "$(cat "$2")" in PGDMP*) ;; *) echo "pg_restore: error: input file is not a valid archive" >&2; exit 1;; esac
				  printf ';\\n; Archive created by a fake\\n;\\n1; 2615 2200 SCHEMA - public pg\\n2; 1259 16385 TABLE public bills pg\\n3; 0 16385 TABLE DATA public bills pg\\n'
				  exit 0
				fi
				here=$(dirname "$0")
				printf '%%s\\n' "$@" > "$here/pg_restore.args"
				printf '%%s' "$PGPASSWORD" > "$here/pg_restore.password"
				""".formatted(version));
		return new FakePgTools(directory);
	}

	Path pgDump() {
		return this.directory.resolve("pg_dump");
	}

	List<String> arguments(String tool) {
		return read(tool + ".args").lines().toList();
	}

	String password(String tool) {
		return read(tool + ".password");
	}

	long pgDumpCalls() {
		Path calls = this.directory.resolve("pg_dump.calls");
		return Files.exists(calls) ? read("pg_dump.calls").lines().count() : 0;
	}

	boolean called(String tool) {
		return Files.exists(this.directory.resolve(tool + ".args"));
	}

	private String read(String file) {
		try {
			return Files.readString(this.directory.resolve(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(Path script, String content) {
		try {
			// written beside and moved over, so a run in progress keeps reading the script it started
			Path written = Files.writeString(script.resolveSibling(script.getFileName() + ".new"), content);
			Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rwxr-xr-x"));
			Files.move(written, script, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
