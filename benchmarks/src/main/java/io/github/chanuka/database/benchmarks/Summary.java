package io.github.chanuka.database.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * Turns JMH's results into the Markdown tables of BENCHMARKS.md: throughput and its ratio
 * to raw HikariCP per operation and thread count, sample-time percentiles, the routing
 * decision and the fail-fast path.
 */
final class Summary {

	private Summary() {
	}

	static String markdown(BenchTarget target, Collection<RunResult> runs) {
		StringBuilder out = new StringBuilder();
		out.append("### Target: ").append(target.name()).append(" (").append(target.replicaUrls().size())
			.append(" replica(s))\n\n");
		queries(runs, out);
		routing(runs, out);
		breaker(runs, out);
		return out.toString();
	}

	private static void queries(Collection<RunResult> runs, StringBuilder out) {
		Map<String, Map<Variant, RunResult>> throughput = new TreeMap<>();
		Map<String, Map<Variant, RunResult>> sample = new TreeMap<>();
		for (RunResult run : runs) {
			BenchmarkParams params = run.getParams();
			if (!params.getBenchmark().contains("QueryBenchmark")) {
				continue;
			}
			String operation = method(params);
			Variant variant = Variant.valueOf(params.getParam("variant"));
			Map<String, Map<Variant, RunResult>> byMode = (params.getMode() == Mode.Throughput) ? throughput : sample;
			byMode.computeIfAbsent(operation, (key) -> new LinkedHashMap<>()).put(variant, run);
		}
		if (throughput.isEmpty() && sample.isEmpty()) {
			return;
		}
		out.append("| operation | threads | variant | ops/s | ± (99.9%) | × raw | p50 µs | p99 µs | p99.9 µs |\n");
		out.append("|---|---|---|---|---|---|---|---|---|\n");
		for (String operation : union(throughput, sample)) {
			Map<Variant, RunResult> thrpt = throughput.getOrDefault(operation, Map.of());
			Map<Variant, RunResult> times = sample.getOrDefault(operation, Map.of());
			RunResult raw = thrpt.get(Variant.RAW);
			for (Variant variant : Variant.values()) {
				RunResult t = thrpt.get(variant);
				RunResult s = times.get(variant);
				if (t == null && s == null) {
					continue;
				}
				RunResult any = (t != null) ? t : s;
				out.append("| ").append(operation.replaceAll("\\d+$", "")).append(" | ")
					.append(any.getParams().getThreads()).append(" | ").append(variant.name().toLowerCase(Locale.ROOT))
					.append(" | ");
				if (t != null) {
					Result<?> result = t.getPrimaryResult();
					double opsPerSecond = perSecond(result.getScore(), result.getScoreUnit());
					out.append(format(opsPerSecond, 0)).append(" | ")
						.append(format(perSecond(result.getScoreError(), result.getScoreUnit()), 0)).append(" | ");
					out.append((raw != null) ? format(result.getScore() / raw.getPrimaryResult().getScore(), 3) : "")
						.append(" | ");
				}
				else {
					out.append(" |  |  | ");
				}
				if (s != null) {
					Statistics statistics = s.getPrimaryResult().getStatistics();
					double toMicros = microsFactor(s.getPrimaryResult().getScoreUnit());
					out.append(format(statistics.getPercentile(50) * toMicros, 1)).append(" | ")
						.append(format(statistics.getPercentile(99) * toMicros, 1)).append(" | ")
						.append(format(statistics.getPercentile(99.9) * toMicros, 1)).append(" |\n");
				}
				else {
					out.append(" |  |  |\n");
				}
			}
		}
		out.append('\n');
	}

	private static Set<String> union(Map<String, ?> first, Map<String, ?> second) {
		Set<String> keys = new TreeSet<>(first.keySet());
		keys.addAll(second.keySet());
		return keys;
	}

	private static void routing(Collection<RunResult> runs, StringBuilder out) {
		StringBuilder rows = new StringBuilder();
		for (RunResult run : runs) {
			BenchmarkParams params = run.getParams();
			if (!params.getBenchmark().contains("RoutingBenchmark")) {
				continue;
			}
			Result<?> result = run.getPrimaryResult();
			rows.append("| ").append(method(params)).append(" | ").append(params.getParam("replicas")).append(" | ")
				.append(format(result.getScore(), 1)).append(" | ").append(format(result.getScoreError(), 1))
				.append(" | ").append(result.getScoreUnit()).append(" |\n");
		}
		if (!rows.isEmpty()) {
			out.append("| routing benchmark | replicas | score | ± (99.9%) | unit |\n|---|---|---|---|---|\n")
				.append(rows)
				.append('\n');
		}
	}

	private static void breaker(Collection<RunResult> runs, StringBuilder out) {
		StringBuilder rows = new StringBuilder();
		for (RunResult run : runs) {
			BenchmarkParams params = run.getParams();
			if (!params.getBenchmark().contains("BreakerOpenBenchmark")) {
				continue;
			}
			Statistics statistics = run.getPrimaryResult().getStatistics();
			double toMicros = microsFactor(run.getPrimaryResult().getScoreUnit());
			rows.append("| ").append(method(params)).append(" | ")
				.append(format(statistics.getMean() * toMicros, 2)).append(" | ")
				.append(format(statistics.getPercentile(50) * toMicros, 2)).append(" | ")
				.append(format(statistics.getPercentile(99) * toMicros, 2)).append(" | ")
				.append(format(statistics.getPercentile(99.99) * toMicros, 2)).append(" | ")
				.append(format(statistics.getMax() * toMicros, 1)).append(" | ")
				.append(statistics.getN()).append(" |\n");
		}
		if (!rows.isEmpty()) {
			out.append("| breaker open | mean µs | p50 µs | p99 µs | p99.99 µs | max µs | samples |\n")
				.append("|---|---|---|---|---|---|---|\n")
				.append(rows)
				.append('\n');
		}
	}

	private static String method(BenchmarkParams params) {
		String benchmark = params.getBenchmark();
		return benchmark.substring(benchmark.lastIndexOf('.') + 1);
	}

	private static double perSecond(double score, String unit) {
		return switch (unit) {
			case "ops/ms" -> score * 1_000;
			case "ops/us" -> score * 1_000_000;
			default -> score;
		};
	}

	private static double microsFactor(String unit) {
		return switch (unit) {
			case "ms/op" -> 1_000;
			case "ns/op" -> 0.001;
			case "s/op" -> 1_000_000;
			default -> 1;
		};
	}

	private static String format(double value, int decimals) {
		return String.format(Locale.ROOT, "%,." + decimals + "f", value);
	}

}
