package io.github.chanuka.database.embedded;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static or instance field of type {@link PostgresCluster} of a test class annotated
 * with {@link EmbeddedCluster} as the place to inject the class's cluster. Static fields are
 * set before {@code @BeforeAll} methods (and before Spring builds a test's application
 * context), instance fields when the test instance is created. The field must not be final.
 *
 * @since 0.1.0
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ClusterResource {

}
