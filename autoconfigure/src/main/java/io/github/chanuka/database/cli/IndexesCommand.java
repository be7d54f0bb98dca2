package io.github.chanuka.database.cli;

import java.io.PrintWriter;

import io.github.chanuka.database.ops.schema.IndexAdvice;
import io.github.chanuka.database.ops.schema.IndexAdvisor;
import io.github.chanuka.database.ops.schema.IndexReport;
import picocli.CommandLine.Command;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code db indexes}: index advice with the statements to act on it.
 *
 * @author Chanuka Database
 */
@Command(name = "indexes", mixinStandardHelpOptions = true,
		description = { "Advise on the primary's indexes: unused, duplicate and invalid indexes, foreign keys without"
				+ " an index, and tables read mostly by sequential scans, each with a statement to review.",
				"The statements are printed, never run. Exits 1 when there is advice." })
final class IndexesCommand extends DatabaseSubcommand<IndexReport> {

	private final ObjectProvider<IndexAdvisor> advisor;

	IndexesCommand(ObjectProvider<IndexAdvisor> advisor) {
		this.advisor = advisor;
	}

	@Override
	protected IndexReport execute() {
		return Commands.require(this.advisor).advise();
	}

	@Override
	protected void print(IndexReport report, PrintWriter out) {
		String since = (report.statisticsSince() != null)
				? " (usage statistics since " + Commands.time(report.statisticsSince()) + ")" : "";
		if (!report.hasAdvice()) {
			out.println("No index advice" + since + ".");
			return;
		}
		out.println(Commands.plural(report.advice().size(), "piece") + " of index advice" + since + ":");
		for (IndexAdvice advice : report.advice()) {
			out.println();
			out.println(String.format("%-22s %s", advice.kind().displayName(),
					(advice.index() != null) ? advice.index() + " on " + advice.table() : advice.table()));
			out.println("                       " + advice.reason());
			out.println("                       " + advice.statement());
		}
		out.println();
		out.println("These statements were not run: review them, then run them yourself"
				+ " (CONCURRENTLY cannot run inside a transaction block).");
	}

	@Override
	protected int exitCode(IndexReport report) {
		return report.hasAdvice() ? DatabaseCommandLine.PROBLEM : DatabaseCommandLine.OK;
	}

}
