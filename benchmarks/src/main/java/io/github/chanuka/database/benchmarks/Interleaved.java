package io.github.chanuka.database.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import io.github.chanuka.database.embedded.EmbeddedPostgresCluster;

/**
 * A cross-check of the SELECT ratios that resists a machine shared with other work: all
 * variants open at once in one JVM against the same replica, run in short slices in a
 * new random order every round, so background load drifts over all of them alike.
 * Reports each variant's throughput over all its slices, its ratio to raw HikariCP, and
 * the median and quartiles of the per-round ratios.
 */
public final class Interleaved {

	private static final long SLICE_NANOS = Duration.ofMillis(Long.getLong("chanuka.bench.interleaved.sliceMillis", 500))
		.toNanos();

	private static final int WARMUP_ROUNDS = Integer.getInteger("chanuka.bench.interleaved.warmupRounds", 10);

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private static final boolean INSERT = "insert".equals(System.getProperty("chanuka.bench.interleaved.operation"));

	private static final int ROUNDS = Integer.getInteger("chanuka.bench.interleaved.rounds", 40);

	private Interleaved() {
	}

	public static void main(String[] args) throws Exception {
		Path results = Paths.get(System.getProperty("chanuka.bench.results", "target/results"));
		Files.createDirectories(results);
		StringBuilder report = new StringBuilder();
		int replicas = Integer.getInteger("chanuka.bench.interleaved.replicas", 1);
		try (EmbeddedPostgresCluster cluster = EmbeddedPostgresCluster.builder().replicas(replicas).start()) {
			BenchTarget target = BenchTarget.of("embedded", cluster);
			BenchSchema.create(target);
			cluster.awaitReplicated(Duration.ofSeconds(30));
			Map<Variant, Variant.Stack> stacks = new EnumMap<>(Variant.class);
			try {
				for (Variant variant : variants()) {
					Variant.Stack stack = variant.open(target, !INSERT);
					stack.warmPool();
					stacks.put(variant, stack);
				}
				report.append("All variants open in one JVM, ")
					.append(INSERT ? "INSERT in a write transaction on the primary; "
							: "SELECT by primary key in a read-only transaction on the "
									+ ((replicas > 0) ? "replica; " : "primary (no replica); "))
					.append(ROUNDS).append(" rounds of ").append(SLICE_NANOS / 1_000_000)
					.append(" ms per variant in a random order each round, after ").append(WARMUP_ROUNDS)
					.append(" warm-up rounds.\n\n")
					.append("| threads | variant | ops/s | × raw (all slices) | × raw, median of rounds | quartiles of rounds | caller-thread CPU µs/op | allocated bytes/op |\n")
					.append("|---|---|---|---|---|---|---|---|\n");
				for (String threads : System.getProperty("chanuka.bench.interleaved.threads", "1,8").split(",")) {
					measure(stacks, Integer.parseInt(threads.trim()), report);
				}
			}
			finally {
				stacks.values().forEach(Variant.Stack::close);
			}
		}
		Files.writeString(results.resolve(INSERT ? "interleaved-insert.md" : "interleaved.md"), report);
		System.out.println();
		System.out.println(report);
	}

	private static List<Variant> variants() {
		String names = System.getProperty("chanuka.bench.interleaved.variants", "");
		if (names.isBlank()) {
			return List.of(Variant.values());
		}
		List<Variant> variants = new ArrayList<>(List.of(Variant.RAW));
		for (String name : names.split(",")) {
			Variant variant = Variant.valueOf(name.trim().toUpperCase(Locale.ROOT));
			if (!variants.contains(variant)) {
				variants.add(variant);
			}
		}
		return variants;
	}

	private static void measure(Map<Variant, Variant.Stack> stacks, int threads, StringBuilder report)
			throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			Map<Variant, List<Long>> counts = new EnumMap<>(Variant.class);
			Map<Variant, long[]> cpu = new EnumMap<>(Variant.class);
			List<Variant> order = new ArrayList<>(stacks.keySet());
			for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
				Collections.shuffle(order);
				for (Variant variant : order) {
					long[] result = slice(executor, stacks.get(variant), threads);
					if (round >= WARMUP_ROUNDS) {
						counts.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(result[0]);
						long[] sum = cpu.computeIfAbsent(variant, (key) -> new long[3]);
						sum[0] += result[0];
						sum[1] += result[1];
						sum[2] += result[2];
					}
				}
			}
			List<Long> raw = counts.get(Variant.RAW);
			long rawTotal = raw.stream().mapToLong(Long::longValue).sum();
			for (Variant variant : stacks.keySet()) {
				List<Long> ops = counts.get(variant);
				long total = ops.stream().mapToLong(Long::longValue).sum();
				List<Double> ratios = new ArrayList<>();
				for (int i = 0; i < ops.size(); i++) {
					ratios.add(ops.get(i) / (double) raw.get(i));
				}
				Collections.sort(ratios);
				double seconds = ops.size() * SLICE_NANOS / 1e9;
				report.append("| ").append(threads).append(" | ").append(variant.name().toLowerCase(Locale.ROOT))
					.append(" | ").append(String.format(Locale.ROOT, "%,.0f", total / seconds)).append(" | ")
					.append(String.format(Locale.ROOT, "%.3f", total / (double) rawTotal)).append(" | ")
					.append(String.format(Locale.ROOT, "%.3f", ratios.get(ratios.size() / 2))).append(" | ")
					.append(String.format(Locale.ROOT, "%.3f–%.3f", ratios.get(ratios.size() / 4),
							ratios.get(ratios.size() * 3 / 4)))
					.append(" | ")
					.append(String.format(Locale.ROOT, "%.1f", cpu.get(variant)[1] / 1000.0 / cpu.get(variant)[0]))
					.append(" | ")
					.append(String.format(Locale.ROOT, "%,.0f", cpu.get(variant)[2] / (double) cpu.get(variant)[0]))
					.append(" |\n");
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static long[] slice(ExecutorService executor, Variant.Stack stack, int threads) throws Exception {
		long deadline = System.nanoTime() + SLICE_NANOS;
		List<Future<long[]>> futures = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			futures.add(executor.submit(() -> {
				long cpuStart = THREADS.getCurrentThreadCpuTime();
				long allocatedStart = THREADS.getCurrentThreadAllocatedBytes();
				long ops = 0;
				while (System.nanoTime() < deadline) {
					long id = ThreadLocalRandom.current().nextLong(1, BenchSchema.ITEMS + 1);
					if (INSERT) {
						stack.insert(id, "interleaved");
					}
					else {
						stack.findName(id);
					}
					ops++;
				}
				return new long[] { ops, THREADS.getCurrentThreadCpuTime() - cpuStart,
						THREADS.getCurrentThreadAllocatedBytes() - allocatedStart };
			}));
		}
		long[] total = new long[3];
		for (Future<long[]> future : futures) {
			long[] result = future.get();
			total[0] += result[0];
			total[1] += result[1];
			total[2] += result[2];
		}
		return total;
	}

}
