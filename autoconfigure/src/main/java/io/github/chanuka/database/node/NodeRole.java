package io.github.chanuka.database.node;

import java.util.Locale;

/**
 * Role of a database node.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public enum NodeRole {

	/**
	 * The node that takes writes.
	 */
	PRIMARY,

	/**
	 * A streaming replica that serves reads.
	 */
	REPLICA;

	/**
	 * Return the lower-case name used in tags and output.
	 * @return the name
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
