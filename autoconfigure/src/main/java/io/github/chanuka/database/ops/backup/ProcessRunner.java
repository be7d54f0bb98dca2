package io.github.chanuka.database.ops.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Runs a client program with extra environment variables, collecting its output.
 * Arguments never hold secrets; those go through the environment.
 *
 * @author Chanuka Database
 */
final class ProcessRunner {

	private ProcessRunner() {
	}

	static Result run(List<String> command, Map<String, String> environment) {
		Path stdout = null;
		Path stderr = null;
		try {
			stdout = Files.createTempFile("chanuka-pg-", ".out");
			stderr = Files.createTempFile("chanuka-pg-", ".err");
			ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
				.redirectError(stderr.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
			builder.environment().putAll(environment);
			Process process = builder.start();
			int exitCode = process.waitFor();
			return new Result(exitCode, Files.readString(stdout, StandardCharsets.UTF_8),
					Files.readString(stderr, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + command.get(0) + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while " + command.get(0) + " ran", ex);
		}
		finally {
			delete(stdout);
			delete(stderr);
		}
	}

	private static java.io.File nullDevice() {
		return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
	}

	private static void delete(@Nullable Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// a temporary file left behind is harmless
			}
		}
	}

	record Result(int exitCode, String stdout, String stderr) {

		boolean succeeded() {
			return this.exitCode == 0;
		}

		String errorSummary() {
			String text = this.stderr.strip();
			return text.isEmpty() ? "exit code " + this.exitCode : text;
		}

	}

}
