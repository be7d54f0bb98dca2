package io.github.chanuka.database.ops.setup;

import java.util.List;

/**
 * What db setup checked and did.
 *
 * @param database the primary's database
 * @param dryRun whether nothing was run
 * @param steps every check, in order
 * @author Chanuka Database
 * @since 0.1.0
 */
public record SetupResult(String database, boolean dryRun, List<SetupStep> steps) {

	/**
	 * Return whether anything was created, or would be in a dry run.
	 * @return whether something changed
	 */
	public boolean changed() {
		return this.steps.stream().anyMatch((step) -> step.outcome() != SetupStep.Outcome.EXISTS);
	}

}
