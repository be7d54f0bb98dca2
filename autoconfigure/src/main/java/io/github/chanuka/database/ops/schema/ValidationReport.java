package io.github.chanuka.database.ops.schema;

import java.time.Instant;
import java.util.List;

/**
 * Outcome of {@link SchemaValidator#validate()}.
 *
 * @param checkedAt when validation ran
 * @param checks the checks that ran
 * @param findings what they found, errors first
 * @author Chanuka Database
 * @since 0.1.0
 */
public record ValidationReport(Instant checkedAt, List<String> checks, List<ValidationFinding> findings) {

	public ValidationReport {
		checks = List.copyOf(checks);
		findings = List.copyOf(findings);
	}

	/**
	 * Return whether anything was found.
	 * @return whether there are findings
	 */
	public boolean hasFindings() {
		return !this.findings.isEmpty();
	}

}
