package io.github.chanuka.database.routing;

/**
 * Why a connection came from the node it came from; the {@code reason} tag of
 * {@code chanuka.db.routing}.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public enum RoutingReason {

	/**
	 * A read-write transaction, or work outside a transaction, on the primary.
	 */
	WRITE("write"),

	/**
	 * A read-only transaction on a replica.
	 */
	READ("read"),

	/**
	 * A read-only transaction on the primary because no replica was usable.
	 */
	FALLBACK("fallback"),

	/**
	 * A read-only transaction on the primary because the same thread, request or client
	 * wrote moments ago.
	 */
	READ_YOUR_WRITES("read-your-writes"),

	/**
	 * A read-only transaction on the primary inside {@link UsePrimary} code, or at
	 * SERIALIZABLE isolation, which a hot standby refuses.
	 */
	FORCED("forced");

	private final String tagValue;

	RoutingReason(String tagValue) {
		this.tagValue = tagValue;
	}

	public String tagValue() {
		return this.tagValue;
	}

}
