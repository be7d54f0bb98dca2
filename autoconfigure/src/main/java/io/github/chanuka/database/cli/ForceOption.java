package io.github.chanuka.database.cli;

import io.github.chanuka.database.ops.DestructiveOperationGuard;
import io.github.chanuka.database.ops.DestructiveOperationRefusedException;
import io.github.chanuka.database.pool.DatabaseSettings;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --force=DATABASE} option of the commands that destroy data ({@code reset},
 * {@code restore}), checked against {@link DestructiveOperationGuard}, the rule the
 * operations themselves enforce: {@code --force} must name the primary's database, and
 * either the environment was chosen as {@code development} or {@code test} or every host
 * of the primary is a loopback address.
 *
 * @author Chanuka Database
 */
final class ForceOption {

	@Spec(Spec.Target.MIXEE)
	CommandSpec command;

	@Option(names = "--force", arity = "0..1", paramLabel = "DATABASE",
			description = "Do it: DATABASE must be the name of the primary's database, such as --force=bills."
					+ " Runs only in an explicit development or test environment, or against a database on this"
					+ " machine.")
	@Nullable String database;

	boolean isGiven() {
		return this.database != null;
	}

	/**
	 * Refuse the command unless the rule of {@link DestructiveOperationGuard} allows it.
	 * @param settings the application's database settings
	 * @return why it is allowed, for {@code --verbose}
	 */
	String check(DatabaseSettings settings) {
		String name = "db " + this.command.name();
		try {
			return DestructiveOperationGuard.of(settings).check(name, this.database);
		}
		catch (DestructiveOperationRefusedException ex) {
			throw switch (ex.getReason()) {
				case UNCONFIRMED -> new ParameterException(this.command.commandLine(), "--force must name the database "
						+ name + " changes, to show it is the intended one: --force=" + ex.getExpectedDatabase());
				case WRONG_DATABASE -> new CommandException(DatabaseCommandLine.USAGE,
						"--force=" + this.database + " does not name the primary's database, "
								+ ex.getExpectedDatabase() + " (" + settings.primary().maskedUrl() + ")",
						"Check that the application is configured for the database you mean, then use --force="
								+ ex.getExpectedDatabase());
				default -> translate(ex);
			};
		}
	}

	static String databaseName(DatabaseSettings settings) {
		try {
			return DestructiveOperationGuard.of(settings).databaseName();
		}
		catch (DestructiveOperationRefusedException ex) {
			throw translate(ex);
		}
	}

	static boolean isLoopback(String jdbcUrl) {
		return DestructiveOperationGuard.isLoopback(jdbcUrl);
	}

	private static CommandException translate(DestructiveOperationRefusedException ex) {
		return new CommandException(DatabaseCommandLine.USAGE, ex.getMessage(), ex.getAction());
	}

}
