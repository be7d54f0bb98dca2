package io.github.chanuka.database.ops.setup;

/**
 * Thrown when db setup cannot check or create something, with the fix.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class SetupException extends RuntimeException {

	private final String action;

	/**
	 * Create an exception.
	 * @param message what failed
	 * @param action how to fix it
	 * @param cause the cause
	 */
	public SetupException(String message, String action, Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	/**
	 * Return how to fix the problem.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
