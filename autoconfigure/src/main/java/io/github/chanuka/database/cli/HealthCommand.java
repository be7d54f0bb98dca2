package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.chanuka.database.node.NodeMonitor;
import io.github.chanuka.database.ops.DatabaseStatus;
import io.github.chanuka.database.ops.DatabaseStatusService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code db health}: the report of {@code /actuator/database}, after probing every node.
 *
 * @author Chanuka Database
 */
@Command(name = "health", mixinStandardHelpOptions = true,
		description = { "Probe every node and print node states, replication lag, pools, circuit breakers, alerts and"
				+ " recommendations: the report of /actuator/database.",
				"Exits 1 when a node is down or skipped, or an alert is firing." })
final class HealthCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	OutputOptions output;

	@Option(names = "--watch", paramLabel = "DURATION",
			description = "Repeat every DURATION, such as 5s, until interrupted.")
	Duration watch;

	private final ObjectProvider<DatabaseStatusService> status;

	private final ObjectProvider<NodeMonitor> monitor;

	HealthCommand(ObjectProvider<DatabaseStatusService> status, ObjectProvider<NodeMonitor> monitor) {
		this.status = status;
		this.monitor = monitor;
	}

	@Override
	public Integer call() {
		DatabaseStatusService service = Commands.require(this.status);
		NodeMonitor nodeMonitor = Commands.require(this.monitor);
		PrintWriter out = this.spec.commandLine().getOut();
		AtomicInteger exitCode = new AtomicInteger();
		Runnable report = () -> exitCode.set(report(service, nodeMonitor, out));
		if (this.watch == null) {
			report.run();
			return exitCode.get();
		}
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
		try {
			// runs until the command's thread is interrupted (Ctrl-C) or a report fails
			scheduler.scheduleWithFixedDelay(report, 0, this.watch.toMillis(), TimeUnit.MILLISECONDS).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException("db health --watch failed", ex.getCause());
		}
		finally {
			scheduler.shutdownNow();
		}
		return exitCode.get();
	}

	private int report(DatabaseStatusService service, NodeMonitor nodeMonitor, PrintWriter out) {
		nodeMonitor.checkNow();
		DatabaseStatus report = service.status();
		if (this.output.json) {
			JsonOutput.write(report, out);
		}
		else {
			HealthText.print(report, out);
		}
		out.flush();
		return healthy(report) ? DatabaseCommandLine.OK : DatabaseCommandLine.PROBLEM;
	}

	private static boolean healthy(DatabaseStatus report) {
		return report.alerts().isEmpty() && report.nodes().stream().allMatch((node) -> "UP".equals(node.state()));
	}

}
