package io.github.chanuka.database.ops.statements;

/**
 * What the top statements are ordered by, highest first.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public enum StatementOrder {

	/**
	 * Time spent running the statement, in all.
	 */
	TOTAL_TIME,

	/**
	 * Mean time of one run.
	 */
	MEAN_TIME,

	/**
	 * Times the statement was run.
	 */
	CALLS,

	/**
	 * Rows returned or changed, in all.
	 */
	ROWS

}
