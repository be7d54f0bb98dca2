package io.github.chanuka.database.node;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What is known of a node after its last probe or connection attempt.
 *
 * @param status whether the node answered
 * @param inRecovery whether the node is a standby, {@code null} when unknown
 * @param replicationLag how far the node trails the primary, {@code null} when unknown
 * @param responseTime how long the last probe took, {@code null} when unknown
 * @param checkedAt when the node was last observed, {@code null} before the first probe
 * @param error why the node is down, {@code null} when it is not
 * @param walPosition the node's WAL position as a byte offset: the insert position of a
 * primary, the replay position of a standby; {@code null} when unknown
 * @author Chanuka Database
 * @since 0.1.0
 */
public record NodeState(Status status, @Nullable Boolean inRecovery, @Nullable Duration replicationLag,
		@Nullable Duration responseTime, @Nullable Instant checkedAt, @Nullable String error,
		@Nullable Long walPosition) {

	/**
	 * State of a node that has not been probed yet.
	 */
	public static final NodeState UNKNOWN = new NodeState(Status.UNKNOWN, null, null, null, null, null, null);

	/**
	 * Return the state of a node that answered a probe.
	 * @param inRecovery whether the node is a standby
	 * @param replicationLag how far it trails the primary
	 * @param responseTime how long the probe took
	 * @return the state
	 */
	public static NodeState up(boolean inRecovery, Duration replicationLag, Duration responseTime) {
		return new NodeState(Status.UP, inRecovery, replicationLag, responseTime, Instant.now(), null, null);
	}

	/**
	 * Return the state of a node that answered a probe, with its WAL position.
	 * @param inRecovery whether the node is a standby
	 * @param replicationLag how far it trails the primary
	 * @param responseTime how long the probe took
	 * @param walPosition the insert position of a primary, the replay position of a
	 * standby, {@code null} when unknown
	 * @return the state
	 */
	public static NodeState up(boolean inRecovery, Duration replicationLag, Duration responseTime,
			@Nullable Long walPosition) {
		return new NodeState(Status.UP, inRecovery, replicationLag, responseTime, Instant.now(), null, walPosition);
	}

	/**
	 * Return this state marked down, keeping what was last known of the node.
	 * @param error why the node is down
	 * @return the state
	 */
	public NodeState down(String error) {
		return new NodeState(Status.DOWN, this.inRecovery, this.replicationLag, null, Instant.now(), error,
				this.walPosition);
	}

	/**
	 * Return whether the node answered its last probe or connection attempt.
	 * @return whether the node is up
	 */
	public boolean isDown() {
		return this.status == Status.DOWN;
	}

	/**
	 * Availability of a node.
	 */
	public enum Status {

		/**
		 * Not probed yet.
		 */
		UNKNOWN,

		/**
		 * Answered.
		 */
		UP,

		/**
		 * Did not answer.
		 */
		DOWN

	}

}
