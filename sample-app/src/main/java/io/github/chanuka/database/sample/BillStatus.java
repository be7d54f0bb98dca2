package io.github.chanuka.database.sample;

/**
 * Stage of a bill in the legislative process.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public enum BillStatus {

	/**
	 * Tabled, not yet referred to a committee.
	 */
	INTRODUCED,

	/**
	 * Under review by a committee.
	 */
	IN_COMMITTEE,

	/**
	 * Adopted.
	 */
	PASSED,

	/**
	 * Voted down or withdrawn.
	 */
	REJECTED

}
