package io.github.chanuka.database.routing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sends the reads of the annotated method, or of every method of the annotated type, to
 * the primary, including read-only transactions started inside it. Use it where data
 * must be current, such as right before a decision based on it.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface UsePrimary {

}
