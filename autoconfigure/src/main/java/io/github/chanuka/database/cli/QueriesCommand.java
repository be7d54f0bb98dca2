package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.util.Locale;

import io.github.chanuka.database.ops.statements.StatementOrder;
import io.github.chanuka.database.ops.statements.StatementReport;
import io.github.chanuka.database.ops.statements.StatementStatistics;
import io.github.chanuka.database.ops.statements.TopStatement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code db queries}: the statements that cost the primary's database most, from
 * {@code pg_stat_statements}.
 *
 * @author Chanuka Database
 */
@Command(name = "queries", mixinStandardHelpOptions = true,
		description = { "List the top statements of the primary's database from pg_stat_statements: calls, total and"
				+ " mean time, rows, and share of the total time. Statement text is masked.",
				"Exits 1, saying how to enable it, when pg_stat_statements is not installed or not loaded." })
final class QueriesCommand extends DatabaseSubcommand<StatementReport> {

	private static final String ROW = "%6s %12s %10s %10s %10s  %s";

	@Option(names = "--top", defaultValue = "10", paramLabel = "N",
			description = "How many statements to list (default: ${DEFAULT-VALUE}).")
	int top;

	@Option(names = "--by", defaultValue = "total_time", paramLabel = "ORDER",
			description = "Order by ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
	StatementOrder order = StatementOrder.TOTAL_TIME;

	private final ObjectProvider<StatementStatistics> statistics;

	QueriesCommand(ObjectProvider<StatementStatistics> statistics) {
		this.statistics = statistics;
	}

	@Override
	protected StatementReport execute() {
		if (this.top < 1 || this.top > 1000) {
			throw new ParameterException(this.spec.commandLine(), "--top must be between 1 and 1000, was " + this.top);
		}
		StatementReport report = Commands.require(this.statistics).top(this.top, this.order);
		if (!report.isAvailable()) {
			throw new CommandException(DatabaseCommandLine.PROBLEM, String.valueOf(report.problem()),
					String.valueOf(report.action()));
		}
		return report;
	}

	@Override
	protected void print(StatementReport report, PrintWriter out) {
		String since = (report.statisticsSince() != null)
				? " since " + Commands.time(report.statisticsSince()) : "";
		out.println("Top " + Commands.plural(report.statements().size(), "statement") + " of database "
				+ report.database() + " by " + report.order().name().toLowerCase(Locale.ROOT).replace('_', ' ')
				+ since + " (" + report.totalCalls() + " calls, " + Durations.format(Math.round(report.totalTimeMs()))
				+ " in all):");
		out.println(String.format(ROW, "SHARE", "TOTAL", "MEAN", "CALLS", "ROWS", "QUERY"));
		for (TopStatement statement : report.statements()) {
			out.println(String.format(ROW, String.format("%.1f%%", statement.sharePercent()),
					String.format("%.1f ms", statement.totalTimeMs()), String.format("%.2f ms", statement.meanTimeMs()),
					statement.calls(), statement.rows(), statement.query()));
		}
	}

}
