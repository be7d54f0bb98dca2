package io.github.chanuka.database.alert;

import java.util.Locale;

/**
 * How urgent an alert is.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public enum AlertSeverity {

	/**
	 * Worth a look when convenient.
	 */
	LOW,

	/**
	 * Worth a look today.
	 */
	MEDIUM,

	/**
	 * Needs attention soon: capacity or redundancy is reduced.
	 */
	HIGH,

	/**
	 * Needs attention now: requests are failing or about to.
	 */
	CRITICAL;

	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
