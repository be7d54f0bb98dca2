package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import io.github.chanuka.database.ops.schema.SchemaValidator;
import io.github.chanuka.database.ops.schema.Severity;
import io.github.chanuka.database.ops.schema.ValidationFinding;
import io.github.chanuka.database.ops.schema.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code db validate}: changelog checksums, schema checks and data rules.
 *
 * @author Chanuka Database
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
		description = { "Validate the primary: Liquibase checksums, NOT VALID constraints, invalid indexes, tables"
				+ " without a primary key, sequences over 80%% of their range, foreign keys without an index, and the"
				+ " application's DataValidationRule beans.", "Exits 1 when anything is found." })
final class ValidateCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	OutputOptions output;

	private final ObjectProvider<SchemaValidator> validator;

	ValidateCommand(ObjectProvider<SchemaValidator> validator) {
		this.validator = validator;
	}

	@Override
	public Integer call() {
		ValidationReport report = Commands.require(this.validator).validate();
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.output.json) {
			JsonOutput.write(report, out);
		}
		else if (!report.hasFindings()) {
			out.println("No problems found (checks: " + String.join(", ", report.checks()) + ").");
		}
		else {
			out.println(Commands.plural(report.findings().size(), "problem") + " found (" + countsBySeverity(report)
					+ "):");
			for (ValidationFinding finding : report.findings()) {
				out.println();
				out.println(String.format("%-8s %s  %s", finding.severity().name(),
						finding.check(), finding.object()));
				out.println("         " + finding.message());
				out.println("         fix: " + finding.action());
			}
		}
		return report.hasFindings() ? DatabaseCommandLine.PROBLEM : DatabaseCommandLine.OK;
	}

	private static String countsBySeverity(ValidationReport report) {
		Map<Severity, Integer> counts = new TreeMap<>();
		report.findings().forEach((finding) -> counts.merge(finding.severity(), 1, Integer::sum));
		StringBuilder text = new StringBuilder();
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<Severity, Integer>comparingByKey().reversed())
			.forEach((entry) -> text.append((text.length() > 0) ? ", " : "")
				.append(Commands.plural(entry.getValue(), entry.getKey().displayName())));
		return text.toString();
	}

}
