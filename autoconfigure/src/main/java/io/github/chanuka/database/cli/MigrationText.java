package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;

import io.github.chanuka.database.ops.migration.ChangeSetInfo;
import io.github.chanuka.database.ops.migration.MigrationResult;

import org.springframework.util.StringUtils;

/**
 * Text output of the migration commands, dry runs included.
 *
 * @author Chanuka Database
 */
final class MigrationText {

	static final String LIQUIBASE_MISSING = "Liquibase is not on the classpath";

	static final String LIQUIBASE_ACTION = "Add org.springframework.boot:spring-boot-starter-liquibase to the application"
			+ " (the Chanuka Database starter leaves migrations to you); pin liquibase.version to 4.33.0 to stay on"
			+ " the Apache-2.0 licensed Liquibase";

	private MigrationText() {
	}

	/**
	 * Print the changesets a migration or rollback applied, or on a dry run would apply,
	 * and the SQL of a dry run.
	 * @param out the command's output
	 * @param result the result
	 * @param verb what happens to the changesets, such as {@code "rolled back"}
	 * @param preposition how they relate to the database, such as {@code "on"}
	 */
	static void result(PrintWriter out, MigrationResult result, String verb, String preposition) {
		String changeSets = Commands.plural(result.changeSets().size(), "changeset");
		out.println((result.dryRun() ? "Dry run: " + changeSets + " would be " + verb
				: StringUtils.capitalize(verb) + " " + changeSets) + " " + preposition + " " + result.database() + ":");
		changeSets(out, result.changeSets());
		if (result.dryRun()) {
			out.println();
			out.println("SQL that would run:");
			out.println(Objects.requireNonNull(result.sql(), "A dry run has its SQL").strip());
			out.println();
			out.println(Commands.NOTHING_CHANGED + ".");
		}
	}

	static void changeSets(PrintWriter out, List<ChangeSetInfo> changeSets) {
		for (ChangeSetInfo changeSet : changeSets) {
			out.println("  " + ((changeSet.executedAt() != null) ? Commands.time(changeSet.executedAt()) + "  " : "")
					+ changeSet.id() + " (" + changeSet.author() + ")  " + changeSet.changelog()
					+ ((changeSet.tag() != null) ? "  tag " + changeSet.tag() : "")
					+ ((changeSet.description() != null) ? "  " + changeSet.description() : ""));
		}
	}

}
