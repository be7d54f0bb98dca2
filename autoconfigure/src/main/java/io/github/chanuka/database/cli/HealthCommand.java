package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.github.chanuka.database.ops.DatabaseStatus;
import io.github.chanuka.database.ops.DatabaseStatusService;
import io.github.chanuka.database.routing.NodeMonitor;
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
		int exitCode;
		do {
			nodeMonitor.checkNow();
			DatabaseStatus report = service.status();
			exitCode = healthy(report) ? DatabaseCommandLine.OK : DatabaseCommandLine.PROBLEM;
			if (this.output.json) {
				JsonOutput.write(report, out);
			}
			else {
				HealthText.print(report, out);
			}
			out.flush();
		}
		while (this.watch != null && pause(this.watch));
		return exitCode;
	}

	private static boolean healthy(DatabaseStatus report) {
		return report.alerts().isEmpty() && report.nodes().stream().allMatch((node) -> "UP".equals(node.state()));
	}

	private static boolean pause(Duration watch) {
		try {
			Thread.sleep(watch.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
