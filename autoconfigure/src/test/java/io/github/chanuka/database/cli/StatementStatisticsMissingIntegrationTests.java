package io.github.chanuka.database.cli;

import java.util.Locale;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code db queries} on a server that does not load {@code pg_stat_statements}: exit 1
 * with the instruction to enable it, whether or not the extension was created.
 */
@EmbeddedCluster(replicas = 0)
class StatementStatisticsMissingIntegrationTests {

	private static final String PRELOAD_ACTION = "Action: Add pg_stat_statements to shared_preload_libraries in"
			+ " postgresql.conf (on a managed service: its parameter group or flags), restart the server, then run"
			+ " CREATE EXTENSION pg_stat_statements; in the database (db setup does it when"
			+ " chanuka.database.setup.extensions lists pg_stat_statements)";

	private static PostgresCluster cluster;

	@BeforeAll
	static void useCluster(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
	}

	@Test
	void withoutTheLibraryOrTheExtensionQueriesSaysToPreloadIt(TestInfo test) {
		String database = OperationsTestDatabases.create(cluster, test.getTestMethod().orElseThrow().getName());
		OperationsTestDatabases.runner(cluster, database).run((context) -> {
			CommandResult result = CommandResult.run(context, "queries");
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.PROBLEM);
			assertThat(result.err().lines().toList()).containsExactly("Error: pg_stat_statements is not installed in"
					+ " database " + database.toLowerCase(Locale.ROOT) + " and the server does not load it",
					PRELOAD_ACTION);
		});
	}

	@Test
	void anExtensionWhoseLibraryIsNotLoadedSaysToPreloadIt(TestInfo test) {
		String database = OperationsTestDatabases.create(cluster, test.getTestMethod().orElseThrow().getName());
		OperationsTestDatabases.jdbc(cluster, database).execute("create extension pg_stat_statements");
		OperationsTestDatabases.runner(cluster, database).run((context) -> {
			CommandResult result = CommandResult.run(context, "queries", "--json");
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.PROBLEM);
			assertThat(result.out()).isEmpty();
			assertThat(result.firstErrorLine()).startsWith("Error: pg_stat_statements is installed in database "
					+ database + " but its library is not loaded (ERROR: pg_stat_statements must be loaded via");
			assertThat(result.err().lines().toList()).contains(PRELOAD_ACTION);
		});
	}

}
