package io.github.chanuka.database.ops.backup;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Runs a client program with extra environment variables, collecting its output, and
 * stops it (and whatever it started) when it outlives its timeout. Arguments never hold
 * secrets; those go through the environment.
 *
 * @author Chanuka Database
 */
final class ProcessRunner {

	private static final Duration KILL_WAIT = Duration.ofSeconds(10);

	private ProcessRunner() {
	}

	static Result run(List<String> command, Map<String, String> environment, Duration timeout) {
		return run(command, environment, timeout, null);
	}

	/**
	 * Run a program, passing each line it writes on standard error to a listener as it
	 * comes.
	 * @param command the program and its arguments
	 * @param environment extra environment variables
	 * @param timeout how long it may run
	 * @param errorLines receives each line of standard error, {@code null} for none
	 * @return how it ended
	 */
	static Result run(List<String> command, Map<String, String> environment, Duration timeout,
			@Nullable Consumer<String> errorLines) {
		Path stdout = null;
		Path stderr = null;
		Process process = null;
		try {
			stdout = Files.createTempFile("chanuka-pg-", ".out");
			stderr = Files.createTempFile("chanuka-pg-", ".err");
			ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
				.redirectError((errorLines != null) ? ProcessBuilder.Redirect.PIPE
						: ProcessBuilder.Redirect.to(stderr.toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
			builder.environment().putAll(environment);
			// messages in English whatever the machine's locale: errors and progress are read from them
			builder.environment().remove("LC_ALL");
			builder.environment().put("LC_MESSAGES", "C");
			process = builder.start();
			Thread follower = (errorLines != null) ? follow(process, stderr, errorLines) : null;
			boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (!finished) {
				// the follower reads until the process ends: stop it first, or the timeout grows by the wait
				stop(process);
			}
			if (follower != null) {
				follower.join(KILL_WAIT.toMillis());
			}
			if (!finished) {
				return new Result(-1, Files.readString(stdout, StandardCharsets.UTF_8),
						"stopped after the timeout of " + format(timeout) + " (chanuka.database.backup.timeout)");
			}
			return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
					Files.readString(stderr, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + command.get(0) + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			if (process != null) {
				stop(process);
			}
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while " + command.get(0) + " ran", ex);
		}
		finally {
			delete(stdout);
			delete(stderr);
		}
	}

	/**
	 * Read standard error as it comes, so the pipe never fills, passing on each line and
	 * keeping it in a file for the result; ends when the program closes it (it ends, or
	 * is stopped).
	 */
	private static Thread follow(Process process, Path copy, Consumer<String> lines) {
		Thread follower = new Thread(() -> {
			// a reader that replaces malformed input instead of failing on a character cut mid-write
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
					BufferedWriter writer = Files.newBufferedWriter(copy, StandardCharsets.UTF_8)) {
				String line;
				while ((line = reader.readLine()) != null) {
					writer.write(line);
					writer.newLine();
					lines.accept(line);
				}
			}
			catch (IOException ex) {
				// progress is a courtesy: the outcome is the program's exit code
			}
		}, "chanuka-" + copy.getFileName());
		follower.setDaemon(true);
		follower.start();
		return follower;
	}

	private static void stop(Process process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
		try {
			process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String format(Duration duration) {
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
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
