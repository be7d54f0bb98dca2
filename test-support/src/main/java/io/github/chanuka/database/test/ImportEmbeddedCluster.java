package io.github.chanuka.database.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Starts an embedded PostgreSQL primary with streaming replicas for a Spring test context
 * and connects the starter to it through a {@code ChanukaDatabaseConnectionDetails}
 * bean, which wins over the connection properties: no {@code @DynamicPropertySource}.
 * The cluster is the bean {@value EmbeddedClusterConfiguration#CLUSTER_BEAN}, stopped
 * with the context. On a test slice, keep the starter's {@code DataSource} with
 * {@code @AutoConfigureTestDatabase(replace = Replace.NONE)}:
 * <pre class="code">
 * &#64;JdbcTest
 * &#64;AutoConfigureTestDatabase(replace = Replace.NONE)
 * &#64;ImportEmbeddedCluster(replicas = 1)
 * class BillRepositoryTests {
 * }
 * </pre>
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(EmbeddedClusterConfiguration.class)
public @interface ImportEmbeddedCluster {

	/**
	 * Number of streaming replicas.
	 * @return the number of replicas
	 */
	int replicas() default 2;

}
