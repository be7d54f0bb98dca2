package io.github.chanuka.database.ops.backup;

/**
 * Thrown when a backup or restore cannot run or fails: no usable {@code pg_dump} or
 * {@code pg_restore}, a client older than the server, or the tool's own failure. Never
 * carries a password.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class BackupException extends RuntimeException {

	private final String action;

	private final boolean configurationProblem;

	/**
	 * Create a new instance.
	 * @param message what is wrong
	 * @param action how to fix it
	 * @param configurationProblem whether the set-up is at fault rather than the run
	 */
	public BackupException(String message, String action, boolean configurationProblem) {
		super(message);
		this.action = action;
		this.configurationProblem = configurationProblem;
	}

	/**
	 * Create a new instance.
	 * @param message what is wrong
	 * @param action how to fix it
	 * @param configurationProblem whether the set-up is at fault rather than the run
	 * @param cause what went wrong underneath
	 */
	public BackupException(String message, String action, boolean configurationProblem, Throwable cause) {
		super(message, cause);
		this.action = action;
		this.configurationProblem = configurationProblem;
	}

	/**
	 * Return how to fix the problem.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

	/**
	 * Return whether the set-up is at fault (tools missing or too old, a bad path)
	 * rather than the run itself.
	 * @return whether this is a configuration problem
	 */
	public boolean isConfigurationProblem() {
		return this.configurationProblem;
	}

}
