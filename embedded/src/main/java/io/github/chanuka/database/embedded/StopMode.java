package io.github.chanuka.database.embedded;

/**
 * How a node is shut down, matching {@code pg_ctl stop -m}.
 *
 * @since 0.1.0
 */
public enum StopMode {

	/**
	 * Wait for clients to disconnect, then shut down ({@code SIGTERM}).
	 */
	SMART("TERM"),

	/**
	 * Roll back open transactions, disconnect clients and shut down cleanly ({@code SIGINT}).
	 */
	FAST("INT"),

	/**
	 * Quit at once without a shutdown checkpoint, like a crash; the next start runs crash
	 * recovery ({@code SIGQUIT}).
	 */
	IMMEDIATE("QUIT");

	private final String signal;

	StopMode(String signal) {
		this.signal = signal;
	}

	String signal() {
		return this.signal;
	}

}
