package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

import io.github.chanuka.database.ops.schema.SchemaValidator;
import io.github.chanuka.database.ops.schema.Severity;
import io.github.chanuka.database.ops.schema.ValidationFinding;
import io.github.chanuka.database.ops.schema.ValidationReport;
import picocli.CommandLine.Command;

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
final class ValidateCommand extends DatabaseSubcommand<ValidationReport> {

	private final ObjectProvider<SchemaValidator> validator;

	ValidateCommand(ObjectProvider<SchemaValidator> validator) {
		this.validator = validator;
	}

	@Override
	protected ValidationReport execute() {
		return Commands.require(this.validator).validate();
	}

	@Override
	protected void print(ValidationReport report, PrintWriter out) {
		if (!report.hasFindings()) {
			out.println("No problems found (checks: " + String.join(", ", report.checks()) + ").");
			return;
		}
		out.println(Commands.plural(report.findings().size(), "problem") + " found (" + countsBySeverity(report) + "):");
		for (ValidationFinding finding : report.findings()) {
			out.println();
			out.println(String.format("%-8s %s  %s", finding.severity().name(), finding.check(), finding.object()));
			out.println("         " + finding.message());
			out.println("         fix: " + finding.action());
		}
	}

	@Override
	protected int exitCode(ValidationReport report) {
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
