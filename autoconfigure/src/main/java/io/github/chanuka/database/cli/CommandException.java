package io.github.chanuka.database.cli;

/**
 * Ends a command with an error message, the fix and an exit code.
 *
 * @author Chanuka Database
 */
class CommandException extends RuntimeException {

	private final int exitCode;

	private final String action;

	CommandException(int exitCode, String message, String action) {
		super(message);
		this.exitCode = exitCode;
		this.action = action;
	}

	int getExitCode() {
		return this.exitCode;
	}

	String getAction() {
		return this.action;
	}

}
