package io.github.chanuka.database.ops.schema;

import java.util.List;

/**
 * A check that {@link SchemaValidator} runs besides its own catalog checks, such as
 * the validation of Liquibase checksums. Beans of this type are picked up.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@FunctionalInterface
public interface ValidationCheck {

	/**
	 * Run the check.
	 * @return what it found, empty when all is well
	 */
	List<ValidationFinding> check();

	/**
	 * Return the check's name for reports, such as {@code changelog-checksums}.
	 * @return the name
	 */
	default String name() {
		return getClass().getSimpleName();
	}

}
