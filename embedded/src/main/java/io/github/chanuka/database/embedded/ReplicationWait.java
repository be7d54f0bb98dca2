package io.github.chanuka.database.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Waits until replicas have replayed the primary's current WAL position, comparing each
 * replica's {@code pg_last_wal_replay_lsn()} with the primary's {@code pg_current_wal_lsn()}.
 */
final class ReplicationWait {

	private final EmbeddedPostgresNode primary;

	private final List<EmbeddedPostgresNode> replicas;

	ReplicationWait(EmbeddedPostgresNode primary, List<EmbeddedPostgresNode> replicas) {
		this.primary = primary;
		this.replicas = replicas;
	}

	void await(Duration timeout) {
		List<EmbeddedPostgresNode> pending = new ArrayList<>();
		for (EmbeddedPostgresNode replica : this.replicas) {
			if (replica.isRunning() && !replica.isPaused()) {
				pending.add(replica);
			}
		}
		if (pending.isEmpty()) {
			return;
		}
		if (!this.primary.isRunning()) {
			throw new IllegalStateException("Cannot wait for replication: node '" + this.primary.name()
					+ "' is not running");
		}
		String target = this.primary.querySingle("SELECT pg_current_wal_lsn()::text", "read its WAL position",
				(result) -> result.getString(1));
		Map<String, String> positions = new LinkedHashMap<>();
		boolean replicated;
		try {
			replicated = Poller.poll(timeout, () -> {
				pending.removeIf((replica) -> hasReplayed(replica, target, positions));
				return pending.isEmpty();
			});
		}
		catch (EmbeddedPostgresException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new EmbeddedPostgresException("Could not wait for replication", ex);
		}
		if (!replicated) {
			throw new EmbeddedPostgresException("Replicas did not replay the primary's WAL position " + target
					+ " within " + timeout + ": " + pending.stream()
						.map((replica) -> replica.name() + " replayed up to " + positions.get(replica.name()))
						.collect(Collectors.joining(", ")));
		}
	}

	private static boolean hasReplayed(EmbeddedPostgresNode replica, String target, Map<String, String> positions) {
		return replica.querySingle(
				"SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= '" + target
						+ "'::pg_lsn, pg_last_wal_replay_lsn()::text",
				"read its replay position", (result) -> {
					positions.put(replica.name(), result.getString(2));
					return result.getBoolean(1);
				});
	}

}
