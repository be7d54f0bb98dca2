package io.github.chanuka.database.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One run of a {@code postgres} postmaster, a child of this JVM writing to the node's server
 * log: launched, watched through {@code postmaster.pid}, signalled, frozen and thawed.
 */
final class ServerProcess {

	private static final Set<String> ACCEPTING_CONNECTIONS = Set.of("ready", "standby");

	private final Process process;

	private final Path dataDirectory;

	private volatile boolean paused;

	private ServerProcess(Process process, Path dataDirectory) {
		this.process = process;
		this.dataDirectory = dataDirectory;
	}

	static ServerProcess launch(PostgresBinaries binaries, Path dataDirectory, Path logFile) throws IOException {
		Process process = binaries.command("postgres", "-D", dataDirectory.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
			.start();
		process.getOutputStream().close();
		return new ServerProcess(process, dataDirectory);
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	int exitValue() {
		return this.process.exitValue();
	}

	boolean isPaused() {
		return this.paused;
	}

	/**
	 * Read the postmaster's status from {@code postmaster.pid}, as {@code pg_ctl -w} does: its
	 * first line is the postmaster's pid and its eighth the status.
	 * @return whether this postmaster accepts connections
	 * @throws IOException if the file cannot be read
	 */
	boolean acceptsConnections() throws IOException {
		List<String> lines;
		try {
			lines = Files.readAllLines(this.dataDirectory.resolve("postmaster.pid"));
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		return lines.size() >= 8 && lines.get(0).trim().equals(Long.toString(pid()))
				&& ACCEPTING_CONNECTIONS.contains(lines.get(7).trim());
	}

	void signal(String signal) {
		Signals.send(signal, List.of(pid()));
	}

	boolean awaitExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EmbeddedPostgresException("Interrupted while waiting for PostgreSQL to stop", ex);
		}
	}

	/**
	 * Kill the postmaster and its children with {@code SIGKILL} and wait until they are gone:
	 * a child still attached to the old shared memory would keep a new postmaster from
	 * starting.
	 * @param timeout how long to wait for the processes to disappear
	 * @return whether they disappeared in time
	 */
	boolean kill(Duration timeout) {
		List<ProcessHandle> processes = Stream.concat(Stream.of(this.process.toHandle()), this.process.descendants())
			.collect(Collectors.toList());
		processes.forEach(ProcessHandle::destroyForcibly);
		this.paused = false;
		try {
			return Poller.poll(timeout, () -> processes.stream().noneMatch(ProcessHandle::isAlive));
		}
		catch (EmbeddedPostgresException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new EmbeddedPostgresException("Could not watch killed PostgreSQL processes " + processes, ex);
		}
	}

	void pause() {
		// the postmaster first, so that it cannot fork a child we would miss
		Signals.send("STOP", List.of(pid()));
		Signals.sendQuietly("STOP", childPids());
		this.paused = true;
	}

	void resume() {
		Signals.sendQuietly("CONT", childPids());
		Signals.sendQuietly("CONT", List.of(pid()));
		this.paused = false;
	}

	private List<Long> childPids() {
		return this.process.descendants().map(ProcessHandle::pid).collect(Collectors.toList());
	}

}
