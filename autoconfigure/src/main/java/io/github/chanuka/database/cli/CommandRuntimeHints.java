package io.github.chanuka.database.cli;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Reflection hints for the {@code db} commands: picocli reads their annotated fields and
 * methods, and instantiates their converters and mixins, reflectively.
 *
 * @author Chanuka Database
 */
class CommandRuntimeHints implements RuntimeHintsRegistrar {

	static final List<Class<?>> TYPES = List.of(DatabaseCommand.class, DatabaseSubcommand.class, HealthCommand.class,
			MigrateCommand.class, StatusCommand.class, RollbackCommand.class, ValidateCommand.class,
			IndexesCommand.class, ResetCommand.class, BackupCommand.class, RestoreCommand.class,
			BenchmarkCommand.class, SessionsCommand.class, QueriesCommand.class, SetupCommand.class,
			ForceOption.class, DurationConverter.class, VersionProvider.class);

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (Class<?> type : TYPES) {
			hints.reflection()
				.registerType(type, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.INVOKE_DECLARED_METHODS,
						MemberCategory.ACCESS_DECLARED_FIELDS);
		}
	}

}
