package io.github.chanuka.database.ops;

import io.github.chanuka.database.ops.schema.IndexReport;
import io.github.chanuka.database.ops.schema.ValidationReport;
import io.github.chanuka.database.ops.session.SessionReport;
import io.github.chanuka.database.ops.statements.StatementReport;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Hints for the reports the {@code database} endpoint returns: its selector returns them
 * as {@code Object}, so the endpoint's own inference cannot see them.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class ReportRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), DatabaseStatus.class,
				IndexReport.class, ValidationReport.class, SessionReport.class,
				StatementReport.class);
	}

}
