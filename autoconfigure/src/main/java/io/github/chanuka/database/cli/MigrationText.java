package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.util.List;

import io.github.chanuka.database.ops.migration.ChangeSetInfo;
import io.github.chanuka.database.ops.migration.MigrationResult;

/**
 * Text output of the migration commands.
 *
 * @author Chanuka Database
 */
final class MigrationText {

	static final String LIQUIBASE_MISSING = "Liquibase is not on the classpath";

	static final String LIQUIBASE_ACTION = "Add org.liquibase:liquibase-core and org.springframework.boot:spring-boot-liquibase"
			+ " (the Chanuka Database starter brings both)";

	private MigrationText() {
	}

	static void changeSets(PrintWriter out, List<ChangeSetInfo> changeSets) {
		for (ChangeSetInfo changeSet : changeSets) {
			out.println("  " + ((changeSet.executedAt() != null) ? Commands.time(changeSet.executedAt()) + "  " : "")
					+ changeSet.id() + " (" + changeSet.author() + ")  " + changeSet.changelog()
					+ ((changeSet.tag() != null) ? "  tag " + changeSet.tag() : "")
					+ ((changeSet.description() != null) ? "  " + changeSet.description() : ""));
		}
	}

	static void sql(PrintWriter out, MigrationResult result) {
		out.println();
		out.println("SQL that would run:");
		out.println(result.sql().strip());
	}

}
