package io.github.chanuka.database.ops.schema;

import java.util.Locale;

/**
 * How serious a validation finding is.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public enum Severity {

	/**
	 * Worth knowing; nothing is wrong yet.
	 */
	INFO,

	/**
	 * Likely to cause trouble: slow queries, a sequence running out, locks.
	 */
	WARNING,

	/**
	 * Wrong now: data that breaks a rule, a changelog that no longer matches the
	 * database.
	 */
	ERROR;

	/**
	 * Return the lower-case name used in output.
	 * @return the name, such as {@code warning}
	 */
	public String displayName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
