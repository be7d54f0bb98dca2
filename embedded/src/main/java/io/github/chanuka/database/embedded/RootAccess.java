package io.github.chanuka.database.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Decides how PostgreSQL programs are launched: directly, or through {@code unshare -U} when
 * this JVM runs as root (see {@link PostgresBinaries}).
 */
final class RootAccess {

	private RootAccess() {
	}

	static List<String> commandPrefix() {
		if (!isRoot()) {
			return List.of();
		}
		if (!unshareWorks()) {
			throw new EmbeddedPostgresException("PostgreSQL refuses to run as root and 'unshare -U' (util-linux) "
					+ "is not available or not permitted here; run the tests as a non-root user, or set "
					+ "CHANUKA_TEST_POSTGRES_URL to use an existing server");
		}
		return List.of("unshare", "-U");
	}

	private static boolean isRoot() {
		Path self = Paths.get("/proc/self");
		if (Files.exists(self)) {
			try {
				return ((Number) Files.getAttribute(self, "unix:uid")).intValue() == 0;
			}
			catch (IOException | UnsupportedOperationException ex) {
				// fall back to the user name
			}
		}
		return "root".equals(System.getProperty("user.name"));
	}

	private static boolean unshareWorks() {
		try {
			Process process = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return process.waitFor() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EmbeddedPostgresException("Interrupted while checking for unshare", ex);
		}
	}

}
