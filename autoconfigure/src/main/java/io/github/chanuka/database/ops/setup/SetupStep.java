package io.github.chanuka.database.ops.setup;

import org.jspecify.annotations.Nullable;

/**
 * One thing db setup checked, and what it did about it.
 *
 * @param object what was checked, such as {@code database bills} or
 * {@code extension pgcrypto}
 * @param outcome what was found or done
 * @param statement the statement run or, in a dry run, to be run; passwords masked;
 * {@code null} when nothing was needed
 * @author Chanuka Database
 * @since 0.1.0
 */
public record SetupStep(String object, Outcome outcome, @Nullable String statement) {

	/**
	 * What db setup found or did.
	 */
	public enum Outcome {

		/**
		 * It existed already; nothing was run.
		 */
		EXISTS,

		/**
		 * It was missing and was created.
		 */
		CREATED,

		/**
		 * It is missing and would be created (dry run).
		 */
		WOULD_CREATE

	}

}
