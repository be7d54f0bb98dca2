package io.github.chanuka.database.ops.session;

import java.time.Instant;
import java.util.List;

/**
 * What the sessions of every node are doing, behind {@code db sessions} and
 * {@code /actuator/database/sessions}. Statement text is masked; the suggested
 * statements are never run.
 *
 * @param inspectedAt when the nodes were inspected
 * @param longQueryThresholdMs statements running longer are reported
 * @param idleInTransactionThresholdMs sessions idle in a transaction for longer are
 * reported
 * @param nodes every node, the primary first
 * @author Chanuka Database
 * @since 0.1.0
 */
public record SessionReport(Instant inspectedAt, long longQueryThresholdMs, long idleInTransactionThresholdMs,
		List<NodeSessions> nodes) {

	/**
	 * Return whether any node needs attention.
	 * @return whether there is something to report
	 */
	public boolean needsAttention() {
		return this.nodes.stream().anyMatch(NodeSessions::needsAttention);
	}

}
