package io.github.chanuka.database.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parsing, help and usage errors of the {@code db} commands, without a database.
 */
class DatabaseCommandLineParsingTests {

	private GenericApplicationContext context;

	@BeforeEach
	void emptyContext() {
		this.context = new GenericApplicationContext();
		this.context.refresh();
	}

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void helpListsEveryCommandAndTheExitCodes() {
		CommandResult result = CommandResult.run(this.context, "--help");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("Usage: db", "health", "migrate", "status", "rollback", "validate", "indexes",
				"reset", "backup", "restore", "benchmark", "sessions", "queries", "setup", "Exit codes:",
				"2  usage or configuration error");
	}

	@Test
	void theFlagsOfThePlatformsToolingAreAcceptedAsAliases() {
		assertThat(CommandResult.run(this.context, "health", "--detailed").firstErrorLine())
			.as("parsed, then stopped for want of a database")
			.isEqualTo("Error: Chanuka Database is not configured in this application");
		assertThat(CommandResult.run(this.context, "reset", "--migrate", "--force=bills").firstErrorLine())
			.as("parsed, then stopped for want of Liquibase")
			.isEqualTo("Error: Liquibase is not on the classpath");
		assertThat(CommandResult.run(this.context, "health", "--detaild").firstErrorLine())
			.isEqualTo("Error: Unknown option: '--detaild'");
		assertThat(CommandResult.run(this.context, "health", "--help").out()).contains("--detailed");
		assertThat(CommandResult.run(this.context, "reset", "--help").out()).contains("--migrate");
	}

	@Test
	void eachCommandHasHelp() {
		CommandResult result = CommandResult.run(this.context, "rollback", "--help");
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("Usage: db rollback", "--count=N", "--tag=TAG", "--dry-run", "--json");
	}

	@Test
	void everyCommandTakesJsonTimeoutAndVerbose() {
		for (Class<?> type : DatabaseCommand.class.getAnnotation(Command.class).subcommands()) {
			String command = type.getAnnotation(Command.class).name();
			CommandResult help = CommandResult.run(this.context, command, "--help");
			assertThat(help.out()).as(command).contains("--json", "--timeout=DURATION", "-v, --verbose");
		}
	}

	@Test
	void aFailureWithVerbosePrintsTheStackTrace() {
		CommandResult result = CommandResult.run(this.context, "validate", "--verbose");
		assertThat(result.exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
		assertThat(result.err()).contains("Error: Chanuka Database is not configured",
				"io.github.chanuka.database.cli.CommandException: Chanuka Database is not configured",
				"\tat io.github.chanuka.database.cli.");
	}

	@Test
	void unknownCommandExitsWithUsageErrorAndOneLineReason() {
		CommandResult result = CommandResult.run(this.context, "bogus");
		assertThat(result.exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
		assertThat(result.firstErrorLine()).startsWith("Error: unknown command 'bogus'; the commands are health, migrate");
		assertThat(result.err()).contains("Usage: db [-hV] [COMMAND]");
		assertThat(result.out()).isEmpty();
	}

	@Test
	void missingCommandExitsWithUsageError() {
		CommandResult result = CommandResult.run(this.context);
		assertThat(result.exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
		assertThat(result.firstErrorLine()).isEqualTo("Error: a command is needed");
		assertThat(result.err()).contains("Usage: db");
	}

	@Test
	void negativeRollbackCountIsRefusedWithUsage() {
		CommandResult result = CommandResult.run(this.context, "rollback", "--count", "-1");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.USAGE);
		assertThat(result.firstErrorLine()).isEqualTo("Error: --count must be 1 or more, was -1");
		assertThat(result.err()).contains("Usage: db rollback");
	}

	@Test
	void countAndTagTogetherAreRefusedWithUsage() {
		CommandResult result = CommandResult.run(this.context, "rollback", "--count", "1", "--tag", "v1");
		assertThat(result.exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
		assertThat(result.firstErrorLine()).startsWith("Error: ").contains("--count=N", "--tag=TAG", "mutually exclusive");
		assertThat(result.err()).contains("Usage: db rollback");
	}

	@Test
	void rollbackWithoutCountOrTagIsRefusedWithUsage() {
		CommandResult result = CommandResult.run(this.context, "rollback");
		assertThat(result.exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
		assertThat(result.firstErrorLine()).startsWith("Error: Missing required argument").contains("--count=N");
	}

	@Test
	void restoreWithoutInputIsRefusedWithUsage() {
		CommandResult result = CommandResult.run(this.context, "restore", "--force");
		assertThat(result.exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
		assertThat(result.firstErrorLine()).isEqualTo("Error: Missing required option: '--input=FILE'");
		assertThat(result.err()).contains("Usage: db restore");
	}

	@Test
	void unknownOptionIsRefusedWithUsage() {
		CommandResult result = CommandResult.run(this.context, "migrate", "--dryrun");
		assertThat(result.exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
		assertThat(result.firstErrorLine()).isEqualTo("Error: Unknown option: '--dryrun'");
		assertThat(result.err()).contains("Usage: db migrate");
	}

	@Test
	void durationWithoutUnitIsRefusedWithTheFormat() {
		CommandResult result = CommandResult.run(this.context, "benchmark", "--duration", "soon");
		assertThat(result.exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
		assertThat(result.firstErrorLine()).contains("'soon' is not a duration; use a number with a unit, such as 10s");
	}

	@Test
	void threadsOutOfRangeAreRefusedWithUsage() {
		CommandResult result = CommandResult.run(this.context, "benchmark", "--threads", "0");
		assertThat(result.exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
		assertThat(result.firstErrorLine()).isEqualTo("Error: --threads must be between 1 and 256, was 0");
	}

	@Test
	void commandsNeedTheStarterToBeConfigured() {
		CommandResult result = CommandResult.run(this.context, "validate");
		assertThat(result.exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
		assertThat(result.err()).contains("Error: Chanuka Database is not configured in this application",
				"Action: Set chanuka.database.url");
	}

	@Test
	void migrationCommandsSayWhenLiquibaseIsMissing() {
		CommandResult result = CommandResult.run(this.context, "status");
		assertThat(result.exitCode()).isEqualTo(DatabaseCommandLine.USAGE);
		assertThat(result.firstErrorLine()).isEqualTo("Error: Liquibase is not on the classpath");
		assertThat(result.err()).contains("Action: Add org.springframework.boot:spring-boot-starter-liquibase");
	}

	@Test
	void versionNamesTheProject() {
		CommandResult result = CommandResult.run(this.context, "--version");
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("Chanuka Database ");
	}

}
