package io.github.chanuka.database.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.github.chanuka.database.embedded.EmbeddedPostgresCluster;
import io.github.chanuka.database.embedded.ExternalPostgresCluster;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks against an embedded cluster (a primary and one streaming
 * replica) and, when {@code CHANUKA_BENCH_POSTGRES_URL} is set, against that server too,
 * every variant against the same server in the same run. Takes JMH's own options (a
 * benchmark pattern, {@code -f}, {@code -wi}, {@code -i}, {@code -w}, {@code -r},
 * {@code -prof}); without them it runs every benchmark with 1 fork, 2 warm-up and 3
 * measured iterations of 5 s. Writes JMH's JSON and a Markdown summary with the ratios to
 * {@code chanuka.bench.results} ({@code benchmarks/target/results}).
 */
public final class BenchmarkRunner {

	private BenchmarkRunner() {
	}

	public static void main(String[] args) throws Exception {
		CommandLineOptions command = new CommandLineOptions(args);
		Path results = Paths.get(System.getProperty("chanuka.bench.results", "target/results"));
		Files.createDirectories(results);
		if (!Boolean.getBoolean("chanuka.bench.skipEmbedded")) {
			try (EmbeddedPostgresCluster cluster = EmbeddedPostgresCluster.builder().replicas(1).start()) {
				BenchTarget target = BenchTarget.of("embedded", cluster);
				BenchSchema.create(target);
				cluster.awaitReplicated(Duration.ofSeconds(30));
				run(command, target, results);
			}
		}
		String external = System.getenv("CHANUKA_BENCH_POSTGRES_URL");
		if (external != null && !external.isBlank()) {
			try (ExternalPostgresCluster cluster = ExternalPostgresCluster.of(external)) {
				BenchTarget target = BenchTarget.of("external", cluster);
				BenchSchema.create(target);
				run(command, target, results);
			}
		}
	}

	private static void run(CommandLineOptions command, BenchTarget target, Path results)
			throws IOException, RunnerException {
		ChainedOptionsBuilder options = new OptionsBuilder().parent(command);
		if (command.getIncludes().isEmpty()) {
			options.include(BenchmarkRunner.class.getPackageName() + ".*Benchmark.*");
		}
		if (!command.getForkCount().hasValue()) {
			options.forks(1);
		}
		if (!command.getWarmupIterations().hasValue()) {
			options.warmupIterations(2);
		}
		if (!command.getWarmupTime().hasValue()) {
			options.warmupTime(TimeValue.seconds(5));
		}
		if (!command.getMeasurementIterations().hasValue()) {
			options.measurementIterations(3);
		}
		if (!command.getMeasurementTime().hasValue()) {
			options.measurementTime(TimeValue.seconds(5));
		}
		List<String> jvmArgs = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
		jvmArgs.addAll(target.systemProperties());
		options.jvmArgsAppend(jvmArgs.toArray(String[]::new));
		options.resultFormat(ResultFormatType.JSON).result(results.resolve("jmh-" + target.name() + ".json").toString());
		Collection<RunResult> runs = new Runner(options.build()).run();
		String summary = Summary.markdown(target, runs);
		Files.writeString(results.resolve("jmh-" + target.name() + ".md"), summary);
		System.out.println();
		System.out.println(summary);
	}

}
