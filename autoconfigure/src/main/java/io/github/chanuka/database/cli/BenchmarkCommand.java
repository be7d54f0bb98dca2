package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import io.github.chanuka.database.node.DatabaseTopology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code db benchmark}: throughput and latency through the full stack.
 *
 * @author Chanuka Database
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
		description = { "Load the database through the application's DataSource: read-only transactions (routed to"
				+ " replicas) and writes to a scratch table that is dropped afterwards, four reads per write.",
				"Prints throughput and p50/p95/p99 latency per role. Exits 1 when operations failed." })
final class BenchmarkCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	OutputOptions output;

	@Option(names = "--duration", defaultValue = "10s", paramLabel = "DURATION",
			description = "How long to run, such as 30s or 2m (default: ${DEFAULT-VALUE}).")
	Duration duration;

	@Option(names = "--threads", defaultValue = "4", paramLabel = "N",
			description = "Concurrent threads (default: ${DEFAULT-VALUE}).")
	int threads;

	private final ObjectProvider<DataSource> dataSource;

	private final ObjectProvider<DatabaseTopology> topology;

	BenchmarkCommand(ObjectProvider<DataSource> dataSource, ObjectProvider<DatabaseTopology> topology) {
		this.dataSource = dataSource;
		this.topology = topology;
	}

	@Override
	public Integer call() throws InterruptedException {
		if (this.threads < 1 || this.threads > 256) {
			throw new ParameterException(this.spec.commandLine(),
					"--threads must be between 1 and 256, was " + this.threads);
		}
		DatabaseTopology nodes = Commands.require(this.topology);
		BenchmarkReport report = new Benchmark(Commands.require(this.dataSource)).run(this.duration, this.threads);
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.output.json) {
			JsonOutput.write(report, out);
		}
		else {
			out.println("Benchmark: " + this.duration.toMillis() / 1000.0 + " s, " + Commands.plural(this.threads, "thread")
					+ ", through the application's DataSource; primary " + nodes.primary().maskedUrl() + ", "
					+ Commands.plural(nodes.replicas().size(), "replica"));
			out.println(String.format("%-6s %10s %12s %9s %9s %9s %9s %7s", "role", "operations", "throughput", "p50",
					"p95", "p99", "max", "errors"));
			for (BenchmarkReport.RoleResult result : report.results()) {
				out.println(String.format("%-6s %10d %10.1f/s %6.2f ms %6.2f ms %6.2f ms %6.2f ms %7d", result.role(),
						result.operations(), result.throughputPerSecond(), result.p50Millis(), result.p95Millis(),
						result.p99Millis(), result.maxMillis(), result.errors()));
				if (result.firstError() != null) {
					out.println("       first " + result.role() + " error: " + result.firstError());
				}
			}
			long reads = report.results().get(0).operations();
			out.println("Reads served by replicas: " + report.readsOnReplicas() + " of " + reads
					+ ((reads > 0) ? String.format(" (%.0f%%)", 100.0 * report.readsOnReplicas() / reads) : ""));
		}
		boolean failed = report.results().stream().anyMatch((result) -> result.errors() > 0);
		return failed ? DatabaseCommandLine.PROBLEM : DatabaseCommandLine.OK;
	}

}
