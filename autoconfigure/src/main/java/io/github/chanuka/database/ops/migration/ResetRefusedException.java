package io.github.chanuka.database.ops.migration;

/**
 * Thrown when {@code db reset} is asked for in an environment where dropping the
 * schema is never acceptable: staging and production.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class ResetRefusedException extends RuntimeException {

	/**
	 * Create a new instance.
	 * @param message why the reset was refused
	 */
	public ResetRefusedException(String message) {
		super(message);
	}

}
