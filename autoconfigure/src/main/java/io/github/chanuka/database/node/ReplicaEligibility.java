package io.github.chanuka.database.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a replica may serve reads: it answered its last probe, it is still a
 * standby, it does not lag more than allowed, and no other check (such as an open
 * circuit breaker) rules it out.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class ReplicaEligibility {

	private final Duration maxReplicationLag;

	private final Predicate<DatabaseNode> additionalCheck;

	private volatile boolean draining;

	/**
	 * Create an instance.
	 * @param maxReplicationLag replicas lagging more are not usable
	 * @param additionalCheck further condition a usable replica must meet
	 */
	public ReplicaEligibility(Duration maxReplicationLag, Predicate<DatabaseNode> additionalCheck) {
		this.maxReplicationLag = maxReplicationLag;
		this.additionalCheck = additionalCheck;
	}

	/**
	 * Stop handing out replicas, because the application shuts down.
	 */
	public void stopServing() {
		this.draining = true;
	}

	/**
	 * Return the usable replicas, in the given order: the given list itself when all are
	 * usable, so the common case allocates nothing.
	 * @param replicas the replicas to consider
	 * @return the usable ones
	 */
	public List<DatabaseNode> usable(List<DatabaseNode> replicas) {
		if (allUsable(replicas)) {
			return replicas;
		}
		List<DatabaseNode> usable = new ArrayList<>(replicas.size());
		for (DatabaseNode replica : replicas) {
			if (isUsable(replica)) {
				usable.add(replica);
			}
		}
		return usable;
	}

	private boolean allUsable(List<DatabaseNode> replicas) {
		for (int i = 0; i < replicas.size(); i++) {
			if (!isUsable(replicas.get(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return whether a replica may serve reads now.
	 * @param replica the replica
	 * @return whether it is usable
	 */
	public boolean isUsable(DatabaseNode replica) {
		return explain(replica) == null;
	}

	/**
	 * Return why a replica is not usable.
	 * @param replica the replica
	 * @return the reason, or {@code null} when it is usable
	 */
	public @Nullable String explain(DatabaseNode replica) {
		if (this.draining) {
			return "is closing for shutdown";
		}
		NodeState state = replica.state();
		if (state.isDown()) {
			return "is down (" + state.error() + ")";
		}
		if (Boolean.FALSE.equals(state.inRecovery())) {
			return "is no longer in recovery (promoted?)";
		}
		if (state.replicationLag() != null && state.replicationLag().compareTo(this.maxReplicationLag) > 0) {
			return "lags " + state.replicationLag().toMillis() + " ms, more than the allowed "
					+ this.maxReplicationLag.toMillis() + " ms";
		}
		if (!this.additionalCheck.test(replica)) {
			return "is ruled out by its circuit breaker";
		}
		return null;
	}

}
