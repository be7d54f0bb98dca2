package io.github.chanuka.database.ops.session;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The sessions of one node that need attention.
 *
 * @param node the node name
 * @param role {@code primary} or {@code replica}
 * @param longRunning statements running longer than the long-query threshold, longest
 * first
 * @param idleInTransaction sessions idle in a transaction for longer than the
 * idle-in-transaction threshold, longest first
 * @param blocked sessions waiting for a lock another session holds, longest first
 * @param blockers the sessions at the root of a blocking chain, blocking others without
 * being blocked themselves
 * @param error why the node could not be inspected, {@code null} when it was
 * @author Chanuka Database
 * @since 0.1.0
 */
public record NodeSessions(String node, String role, List<Session> longRunning, List<Session> idleInTransaction,
		List<Session> blocked, List<Session> blockers, @Nullable String error) {

	/**
	 * Return whether anything needs attention: a finding, or a node that could not be
	 * inspected.
	 * @return whether there is something to report
	 */
	public boolean needsAttention() {
		return this.error != null || !this.longRunning.isEmpty() || !this.idleInTransaction.isEmpty()
				|| !this.blocked.isEmpty();
	}

	static NodeSessions failed(String node, String role, String error) {
		return new NodeSessions(node, role, List.of(), List.of(), List.of(), List.of(), error);
	}

}
