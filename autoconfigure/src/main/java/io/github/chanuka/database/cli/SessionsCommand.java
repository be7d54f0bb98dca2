package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.chanuka.database.ops.session.NodeSessions;
import io.github.chanuka.database.ops.session.Session;
import io.github.chanuka.database.ops.session.SessionInspector;
import io.github.chanuka.database.ops.session.SessionReport;
import picocli.CommandLine.Command;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code db sessions}: long-running statements, sessions idle in a transaction and blocked
 * sessions with their blockers, on every node.
 *
 * @author Chanuka Database
 */
@Command(name = "sessions", mixinStandardHelpOptions = true,
		description = { "Show, per node, statements running longer than"
				+ " chanuka.database.monitoring.long-query-threshold, sessions idle in a transaction longer than"
				+ " chanuka.database.monitoring.idle-in-transaction-threshold, and sessions blocked on a lock with"
				+ " the chain of sessions blocking them. Statement text is masked.",
				"Prints the pg_cancel_backend/pg_terminate_backend statements that would end them; never runs them."
						+ " Exits 1 when there is something to report." })
final class SessionsCommand extends DatabaseSubcommand<SessionReport> {

	private static final String ROW = "    %-8s %-10s %-21s %-22s %-16s %s";

	private final ObjectProvider<SessionInspector> inspector;

	SessionsCommand(ObjectProvider<SessionInspector> inspector) {
		this.inspector = inspector;
	}

	@Override
	protected SessionReport execute() {
		return Commands.require(this.inspector).inspect();
	}

	@Override
	protected void print(SessionReport report, PrintWriter out) {
		out.println("Sessions at " + Commands.time(report.inspectedAt()) + " (long-running over "
				+ Durations.format(report.longQueryThresholdMs()) + ", idle in transaction over "
				+ Durations.format(report.idleInTransactionThresholdMs()) + "):");
		Map<String, List<String>> actions = new LinkedHashMap<>();
		for (NodeSessions node : report.nodes()) {
			out.println();
			if (node.error() != null) {
				out.println(node.node() + " (" + node.role() + "): " + node.error());
				continue;
			}
			out.println(node.node() + " (" + node.role() + "): " + node.longRunning().size() + " long-running, "
					+ node.idleInTransaction().size() + " idle in transaction, " + node.blocked().size() + " blocked");
			section("Long-running statements", node.longRunning(), out);
			section("Idle in transaction", node.idleInTransaction(), out);
			section("Blocked", node.blocked(), out);
			section("Blocking others", node.blockers(), out);
			List<String> statements = new ArrayList<>();
			addActions(node.longRunning(), "cancels the statement", statements);
			addActions(node.idleInTransaction(), "ends the session, rolling back its transaction", statements);
			addActions(node.blockers(), "releases the locks it holds", statements);
			if (!statements.isEmpty()) {
				actions.put(node.node(), statements);
			}
		}
		if (!actions.isEmpty()) {
			out.println();
			out.println("These statements were not run: review them, then run them yourself on the node named:");
			actions.forEach((node, statements) -> statements.forEach((line) -> out.println("  " + node + ": " + line)));
		}
	}

	private static void section(String title, List<Session> sessions, PrintWriter out) {
		if (sessions.isEmpty()) {
			return;
		}
		out.println("  " + title + ":");
		out.println(String.format(ROW, "PID", "DURATION", "STATE", "WAIT", "APPLICATION", "QUERY"));
		for (Session session : sessions) {
			out.println(String.format(ROW, session.pid(), Durations.format(session.durationMs()), session.state(),
					(session.waitEvent() != null) ? session.waitEvent() : "-",
					session.application().isEmpty() ? "-" : session.application(),
					(session.query() != null) ? session.query() : "(not visible to this role)"));
			if (!session.blockedBy().isEmpty()) {
				out.println("             blocked by " + pids(session.blockedBy()) + "; root of the chain: "
						+ pids(session.rootBlockers()));
			}
		}
	}

	private static void addActions(List<Session> sessions, String effect, List<String> statements) {
		for (Session session : sessions) {
			String line = session.statement() + "  -- " + effect;
			if (session.statement() != null && !statements.contains(line)) {
				statements.add(line);
			}
		}
	}

	private static String pids(List<Integer> pids) {
		return pids.stream().map(String::valueOf).collect(Collectors.joining(", "));
	}

	@Override
	protected int exitCode(SessionReport report) {
		return report.needsAttention() ? DatabaseCommandLine.PROBLEM : DatabaseCommandLine.OK;
	}

}
