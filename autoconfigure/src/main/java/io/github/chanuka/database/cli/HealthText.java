package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.time.Instant;

import io.github.chanuka.database.ops.DatabaseStatus;
import org.jspecify.annotations.Nullable;

/**
 * Text output of {@code db health}.
 *
 * @author Chanuka Database
 */
final class HealthText {

	private static final String ROW = "%-12s %-8s %-8s %-9s %-9s %-18s %-10s %s";

	private HealthText() {
	}

	static void print(DatabaseStatus report, PrintWriter out) {
		DatabaseStatus.Profile profile = report.profile();
		out.println("Database health at " + Commands.time(Instant.now()) + ": environment " + report.environment()
				+ ", pools " + profile.minimumIdle() + "-" + profile.maximumSize() + ", sslmode " + profile.sslMode()
				+ ", " + (profile.failFast() ? "fail-fast" : "lazy") + " start");
		out.println(String.format(ROW, "NODE", "ROLE", "STATE", "LAG", "RESPONSE", "POOL act/idle/wait", "BREAKER",
				"URL"));
		for (DatabaseStatus.Node node : report.nodes()) {
			DatabaseStatus.Pool pool = node.pool();
			out.println(String.format(ROW, node.name(), node.role(), node.state(), millis(node.replicationLagMs()),
					millis(node.responseTimeMs()),
					pool.active() + "/" + pool.idle() + "/" + pool.pending() + " of " + pool.max(),
					(node.circuitBreaker() != null) ? node.circuitBreaker() : "-", node.url()));
			if (node.reason() != null) {
				out.println("             " + node.reason());
			}
			if (node.sessions() != null) {
				DatabaseStatus.Sessions sessions = node.sessions();
				out.println("             sessions: " + sessions.longRunning() + " long-running, "
						+ sessions.idleInTransaction() + " idle in transaction, " + sessions.blocked()
						+ " blocked (db sessions lists them)");
			}
		}
		if (report.queries() != null) {
			DatabaseStatus.Queries queries = report.queries();
			out.println("Statements: " + queries.count() + " (" + queries.failed() + " failed, " + queries.slow()
					+ " slow), mean " + queries.meanMs() + " ms, p95 " + queries.p95Ms() + " ms; retries "
					+ report.retries());
		}
		out.println("Alerts: " + (report.alerts().isEmpty() ? "none" : report.alerts().size()));
		report.alerts()
			.forEach((alert) -> out.println("  - " + alert.severity().tagValue() + " " + alert.rule()
					+ ((alert.node() != null) ? " on " + alert.node() : "") + ": " + alert.value() + " (threshold "
					+ alert.threshold() + ") since " + Commands.time(alert.since())));
		out.println("Recommendations: " + (report.recommendations().isEmpty() ? "none" : ""));
		report.recommendations().forEach((recommendation) -> out.println("  - " + recommendation));
	}

	private static String millis(@Nullable Long value) {
		return (value != null) ? value + " ms" : "-";
	}

}
