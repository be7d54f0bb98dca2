package io.github.chanuka.database.resilience;

/**
 * Names of the starter's Resilience4j instances, stable so that users can tune them
 * under {@code resilience4j.*}: {@code chanuka-database-<node>} for breakers,
 * {@code chanuka-database-<operation>} for retries.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public final class InstanceNames {

	/**
	 * Prefix of every instance name.
	 */
	public static final String PREFIX = "chanuka-database-";

	private InstanceNames() {
	}

	/**
	 * Return the instance name of a node or an operation.
	 * @param name the node or operation name
	 * @return the instance name, such as {@code chanuka-database-primary}
	 */
	public static String of(String name) {
		return PREFIX + name;
	}

}
