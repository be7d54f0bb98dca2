package io.github.chanuka.database.ops.schema;

/**
 * Something validation found.
 *
 * @param check the check that found it, such as {@code missing-primary-key}, or the
 * name of a {@link DataValidationRule}
 * @param severity how serious it is
 * @param object the database object concerned, such as {@code public.bills}
 * @param message what is wrong
 * @param action how to fix it, often a statement to review and run
 * @author Chanuka Database
 * @since 0.1.0
 */
public record ValidationFinding(String check, Severity severity, String object, String message, String action) {

}
