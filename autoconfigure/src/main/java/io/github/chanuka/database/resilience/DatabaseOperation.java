package io.github.chanuka.database.resilience;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as a named database operation: it is timed
 * ({@code chanuka.db.operations}) and, after a transient failure, run again with
 * exponential backoff, each attempt in a new transaction when the method is
 * {@code @Transactional}. A write whose COMMIT lost its connection is never run again;
 * it fails with {@link CommitOutcomeUnknownException}. Called inside a transaction that
 * is already open, the method is timed but not retried: the owner of that transaction
 * decides.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DatabaseOperation {

	/**
	 * Name of the operation, used in metrics and in the retry instance name
	 * {@code chanuka-database-<name>}.
	 * @return the name
	 */
	String value();

}
