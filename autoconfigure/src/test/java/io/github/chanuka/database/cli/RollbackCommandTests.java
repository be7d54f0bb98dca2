package io.github.chanuka.database.cli;

import java.util.List;

import io.github.chanuka.database.ops.migration.MigrationOperations;
import io.github.chanuka.database.ops.migration.MigrationResult;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Text of {@code db rollback} when nothing is rolled back, with the operations mocked.
 */
class RollbackCommandTests {

	private static final MigrationResult NOTHING = new MigrationResult("classpath:db/changelog.yaml",
			"jdbc:postgresql://localhost/bills", false, List.of(), null);

	@Test
	void nothingRolledBackByCountSaysSoWithoutATag() {
		MigrationOperations operations = mock(MigrationOperations.class);
		given(operations.rollbackCount(1, false)).willReturn(NOTHING);
		CommandResult result = run(operations, "rollback", "--count", "1");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).isEqualTo("Nothing to roll back: no changeset of jdbc:postgresql://localhost/bills"
				+ " was applied.\n").doesNotContain("null");
	}

	@Test
	void nothingRolledBackToATagNamesTheTag() {
		MigrationOperations operations = mock(MigrationOperations.class);
		given(operations.rollbackToTag("v1", false)).willReturn(NOTHING);
		CommandResult result = run(operations, "rollback", "--tag", "v1");
		assertThat(result.out()).isEqualTo("Nothing to roll back: no changeset of jdbc:postgresql://localhost/bills"
				+ " was applied after tag v1.\n");
	}

	private static CommandResult run(MigrationOperations operations, String... args) {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBean(MigrationOperations.class, () -> operations);
			context.refresh();
			return CommandResult.run(context, args);
		}
	}

}
