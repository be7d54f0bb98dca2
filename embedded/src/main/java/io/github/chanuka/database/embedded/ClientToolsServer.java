package io.github.chanuka.database.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server that the machine's client tools can serve: the bundled binaries when
 * they are of the major version of the {@code pg_dump} on the PATH, else a server of that
 * version installed beside the client tools.
 *
 * @param binaries the directory of an installed server to run, empty for the bundled one
 * @param problem why no such server can run, empty when one can
 */
record ClientToolsServer(Optional<Path> binaries, Optional<String> problem) {

	private static final Pattern MAJOR = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

	private static volatile ClientToolsServer found;

	static ClientToolsServer find() {
		ClientToolsServer result = found;
		if (result == null) {
			result = lookUp();
			found = result;
		}
		return result;
	}

	private static ClientToolsServer lookUp() {
		Optional<Path> pgDump = onPath("pg_dump");
		if (pgDump.isEmpty()) {
			return unavailable("matches the server to the client tools, but there is no pg_dump on the PATH");
		}
		Optional<Integer> clientMajor = majorVersion(List.of(pgDump.get().toString(), "--version"));
		if (clientMajor.isEmpty()) {
			return unavailable("matches the server to the client tools, but " + pgDump.get() + " --version says"
					+ " no version");
		}
		int major = clientMajor.get();
		if (PostgresBinaries.resolve().majorVersion() == major) {
			return new ClientToolsServer(Optional.empty(), Optional.empty());
		}
		for (Path candidate : List.of(Paths.get("/usr/lib/postgresql/" + major + "/bin"),
				Paths.get("/usr/pgsql-" + major + "/bin"), pgDump.get().toAbsolutePath().getParent())) {
			if (Files.isExecutable(candidate.resolve("initdb")) && Files.isExecutable(candidate.resolve("postgres"))
					&& majorVersion(List.of(candidate.resolve("postgres").toString(), "--version"))
						.equals(Optional.of(major))) {
				return new ClientToolsServer(Optional.of(candidate), Optional.empty());
			}
		}
		return unavailable("matches the server to the client tools (pg_dump " + major + "), but the bundled server is"
				+ " PostgreSQL " + PostgresBinaries.resolve().majorVersion() + " and no PostgreSQL " + major
				+ " server is installed (such as the package postgresql-" + major + ")");
	}

	private static ClientToolsServer unavailable(String reason) {
		return new ClientToolsServer(Optional.empty(), Optional.of(reason));
	}

	private static Optional<Path> onPath(String program) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String directory : path.split(java.io.File.pathSeparator)) {
			Path candidate = Paths.get(directory).resolve(program);
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	private static Optional<Integer> majorVersion(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor();
			Matcher matcher = MAJOR.matcher(output);
			return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

}
