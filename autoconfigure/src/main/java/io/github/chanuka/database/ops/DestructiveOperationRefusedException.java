package io.github.chanuka.database.ops;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when {@link DestructiveOperationGuard} refuses an operation that destroys
 * data, such as a reset or a restore: it says why and how to proceed.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class DestructiveOperationRefusedException extends RuntimeException {

	private final String message;

	private final Reason reason;

	private final String action;

	private final @Nullable String expectedDatabase;

	/**
	 * Create a new instance.
	 * @param reason why the operation was refused
	 * @param message what is wrong
	 * @param action how to proceed
	 * @param expectedDatabase the name of the primary's database, {@code null} when the
	 * URL names none
	 */
	public DestructiveOperationRefusedException(Reason reason, String message, String action,
			@Nullable String expectedDatabase) {
		super(message);
		this.message = message;
		this.reason = reason;
		this.action = action;
		this.expectedDatabase = expectedDatabase;
	}

	@Override
	public String getMessage() {
		return this.message;
	}

	/**
	 * Return why the operation was refused.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Return how to proceed.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

	/**
	 * Return the name of the primary's database, which the caller must confirm.
	 * @return the name, or {@code null} when the URL names none
	 */
	public @Nullable String getExpectedDatabase() {
		return this.expectedDatabase;
	}

	/**
	 * Why a destructive operation was refused.
	 */
	public enum Reason {

		/**
		 * The primary's URL names no database to confirm.
		 */
		NO_DATABASE_NAME,

		/**
		 * The caller did not confirm the database by name.
		 */
		UNCONFIRMED,

		/**
		 * The environment is staging or production.
		 */
		ENVIRONMENT,

		/**
		 * The primary is not on this machine and no development or test environment was
		 * chosen.
		 */
		REMOTE_HOST,

		/**
		 * The caller confirmed another database than the primary's.
		 */
		WRONG_DATABASE

	}

}
