package io.github.chanuka.database.cli;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Outcome of {@code db benchmark}.
 *
 * @param durationMillis how long the load ran
 * @param threads how many threads ran it
 * @param results one per kind of work: reads and writes
 * @param readsOnReplicas how many reads a standby served
 * @author Chanuka Database
 */
record BenchmarkReport(long durationMillis, int threads, List<RoleResult> results, long readsOnReplicas) {

	/**
	 * Throughput and latency of reads or writes.
	 *
	 * @param role {@code read} or {@code write}
	 * @param operations how many completed
	 * @param errors how many failed
	 * @param throughputPerSecond completed operations per second
	 * @param p50Millis median latency
	 * @param p95Millis 95th percentile latency
	 * @param p99Millis 99th percentile latency
	 * @param maxMillis highest latency
	 * @param firstError the first failure's message, {@code null} without failures
	 */
	record RoleResult(String role, long operations, long errors, double throughputPerSecond, double p50Millis,
			double p95Millis, double p99Millis, double maxMillis, @Nullable String firstError) {

	}

}
