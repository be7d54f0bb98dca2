package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.chanuka.database.node.NodeMonitor;
import io.github.chanuka.database.ops.DatabaseStatus;
import io.github.chanuka.database.ops.DatabaseStatusService;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
final class HealthCommand extends DatabaseSubcommand<DatabaseStatus> {

	@Option(names = "--watch", paramLabel = "DURATION",
			description = "Repeat every DURATION, such as 5s, until interrupted; --timeout bounds each report.")
	@Nullable Duration watch;

	@Option(names = "--detailed",
			description = "Accepted for scripts written for the platform's tooling: the report is always detailed.")
	boolean detailed;

	private final ObjectProvider<DatabaseStatusService> status;

	private final ObjectProvider<NodeMonitor> monitor;

	HealthCommand(ObjectProvider<DatabaseStatusService> status, ObjectProvider<NodeMonitor> monitor) {
		this.status = status;
		this.monitor = monitor;
	}

	@Override
	public Integer call() throws Exception {
		if (this.watch == null) {
			return super.call();
		}
		AtomicInteger exitCode = new AtomicInteger();
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
		try {
			// runs until the command's thread is interrupted (Ctrl-C) or a report fails
			scheduler.scheduleWithFixedDelay(() -> exitCode.set(report()), 0, this.watch.toMillis(),
					TimeUnit.MILLISECONDS)
				.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
		}
		finally {
			scheduler.shutdownNow();
		}
		return exitCode.get();
	}

	private int report() {
		try {
			return run();
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("db health --watch failed", ex);
		}
	}

	@Override
	protected DatabaseStatus execute() {
		DatabaseStatusService service = Commands.require(this.status);
		Commands.require(this.monitor).checkNow();
		return service.status();
	}

	@Override
	protected void print(DatabaseStatus report, PrintWriter out) {
		HealthText.print(report, out);
	}

	@Override
	protected int exitCode(DatabaseStatus report) {
		boolean healthy = report.alerts().isEmpty()
				&& report.nodes().stream().allMatch((node) -> "UP".equals(node.state()));
		return healthy ? DatabaseCommandLine.OK : DatabaseCommandLine.PROBLEM;
	}

}
