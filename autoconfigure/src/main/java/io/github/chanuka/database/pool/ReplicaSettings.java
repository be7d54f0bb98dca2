package io.github.chanuka.database.pool;

/**
 * Effective settings of one read replica.
 *
 * @param name the replica name, such as {@code replica-1}
 * @param connection where the replica is reached
 * @param pool its pool settings
 * @param weight its share of reads under the weighted load balancer
 * @author Chanuka Database
 * @since 0.1.0
 */
public record ReplicaSettings(String name, NodeConnection connection, PoolSettings pool, int weight) {

}
