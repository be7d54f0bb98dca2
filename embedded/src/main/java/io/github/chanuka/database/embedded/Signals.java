package io.github.chanuka.database.embedded;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Sends POSIX signals with {@code kill}: the JDK can send only {@code SIGTERM} and
 * {@code SIGKILL}, while PostgreSQL's shutdown modes and pausing need INT, QUIT, STOP and CONT.
 */
final class Signals {

	private Signals() {
	}

	/**
	 * Send a signal to processes that must exist.
	 * @param signal the signal name without {@code SIG}
	 * @param pids the process ids
	 */
	static void send(String signal, Collection<Long> pids) {
		if (!sendQuietly(signal, pids)) {
			throw new EmbeddedPostgresException("Could not send SIG" + signal + " to process(es) " + pids);
		}
	}

	/**
	 * Send a signal to processes that may have exited meanwhile.
	 * @param signal the signal name without {@code SIG}
	 * @param pids the process ids
	 * @return whether every process received the signal
	 */
	static boolean sendQuietly(String signal, Collection<Long> pids) {
		if (pids.isEmpty()) {
			return true;
		}
		List<String> command = new ArrayList<>();
		command.add("kill");
		command.add("-" + signal);
		pids.forEach((pid) -> command.add(Long.toString(pid)));
		try {
			Process kill = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return kill.waitFor() == 0;
		}
		catch (IOException ex) {
			throw new EmbeddedPostgresException("Could not run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EmbeddedPostgresException("Interrupted while running " + command, ex);
		}
	}

}
