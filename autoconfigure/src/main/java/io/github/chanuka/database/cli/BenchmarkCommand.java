package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.time.Duration;

import javax.sql.DataSource;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.pool.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * {@code db benchmark}: throughput and latency through the full stack.
 *
 * @author Chanuka Database
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
		description = { "Load the database through the application's DataSource: read-only transactions (routed to"
				+ " replicas) and writes to a scratch table that is dropped afterwards, four reads per write.",
				"Prints throughput and p50/p95/p99 latency per role. Exits 1 when operations failed."
						+ " Refused in production without --allow-production." })
final class BenchmarkCommand extends DatabaseSubcommand<BenchmarkReport> {

	@Option(names = "--duration", defaultValue = "10s", paramLabel = "DURATION",
			description = "How long to run, such as 30s or 2m (default: ${DEFAULT-VALUE}).")
	Duration duration;

	@Option(names = "--threads", defaultValue = "4", paramLabel = "N",
			description = "Concurrent threads (default: ${DEFAULT-VALUE}).")
	int threads;

	@Option(names = "--allow-production",
			description = "Run in production too, loading the production primary and replicas.")
	boolean allowProduction;

	private final ObjectProvider<DataSource> dataSource;

	private final ObjectProvider<DatabaseTopology> topology;

	private final ObjectProvider<DatabaseSettings> settings;

	private final ConfigurableApplicationContext context;

	BenchmarkCommand(ObjectProvider<DataSource> dataSource, ObjectProvider<DatabaseTopology> topology,
			ObjectProvider<DatabaseSettings> settings, ConfigurableApplicationContext context) {
		this.dataSource = dataSource;
		this.topology = topology;
		this.settings = settings;
		this.context = context;
	}

	@Override
	protected BenchmarkReport execute() throws InterruptedException {
		if (this.threads < 1 || this.threads > 256) {
			throw new ParameterException(this.spec.commandLine(),
					"--threads must be between 1 and 256, was " + this.threads);
		}
		DatabaseSettings databaseSettings = Commands.require(this.settings);
		if (databaseSettings.environment() == DatabaseEnvironment.PRODUCTION && !this.allowProduction) {
			throw new CommandException(DatabaseCommandLine.USAGE,
					"db benchmark is refused in production (environment from " + databaseSettings.environmentOrigin()
							+ "): it loads the primary " + databaseSettings.primary().maskedUrl()
							+ " and writes a scratch table there",
					"Benchmark a staging copy instead, or add --allow-production if loading production is intended");
		}
		Benchmark benchmark = new Benchmark(Commands.require(this.dataSource));
		// the application closing (Ctrl-C) must not leave the scratch table behind
		ApplicationListener<ApplicationEvent> onClose = (event) -> {
			if (event instanceof ContextClosedEvent) {
				benchmark.stop();
			}
		};
		this.context.addApplicationListener(onClose);
		try {
			return benchmark.run(this.duration, this.threads);
		}
		finally {
			this.context.removeApplicationListener(onClose);
		}
	}

	@Override
	protected void print(BenchmarkReport report, PrintWriter out) {
		DatabaseTopology nodes = Commands.require(this.topology);
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

	@Override
	protected int exitCode(BenchmarkReport report) {
		boolean failed = report.results().stream().anyMatch((result) -> result.errors() > 0);
		return failed ? DatabaseCommandLine.PROBLEM : DatabaseCommandLine.OK;
	}

}
