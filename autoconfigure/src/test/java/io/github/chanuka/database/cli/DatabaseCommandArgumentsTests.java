package io.github.chanuka.database.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recognition of {@code db} command lines.
 */
class DatabaseCommandArgumentsTests {

	@Test
	void onlyAFirstArgumentOfDbSelectsTheCommands() {
		assertThat(DatabaseCommandArguments.isDatabaseCommand("db", "status")).isTrue();
		assertThat(DatabaseCommandArguments.isDatabaseCommand("status", "db")).isFalse();
		assertThat(DatabaseCommandArguments.isDatabaseCommand()).isFalse();
		assertThat(DatabaseCommandArguments.isDatabaseCommand((String[]) null)).isFalse();
	}

	@Test
	void springPropertyArgumentsAreLeftToSpring() {
		assertThat(DatabaseCommandArguments.commandArguments("db", "--spring.profiles.active=prod", "rollback",
				"--count", "2", "--chanuka.database.replicas[0].url=jdbc:postgresql://r/db", "--dry-run"))
			.containsExactly("rollback", "--count", "2", "--dry-run");
		assertThat(DatabaseCommandArguments.commandArguments("db", "backup", "--output=/tmp/a.dump"))
			.containsExactly("backup", "--output=/tmp/a.dump");
		assertThat(DatabaseCommandArguments.commandArguments("serve")).isEmpty();
	}

}
