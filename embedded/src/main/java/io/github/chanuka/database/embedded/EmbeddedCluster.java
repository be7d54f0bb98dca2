package io.github.chanuka.database.embedded;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit Jupiter test class a {@link PostgresCluster}, started once before its first
 * test and closed after its last one.
 * <h2>Getting the cluster</h2>
 * The cluster is injected, as JUnit's {@code @TempDir} is, in two ways:
 * <ul>
 * <li>as a parameter of type {@link PostgresCluster} of test methods, lifecycle methods
 * ({@code @BeforeAll}, {@code @BeforeEach}, ...) and the test class constructor;</li>
 * <li>into fields of type {@link PostgresCluster} annotated with {@link ClusterResource}:
 * static fields before any {@code @BeforeAll} method runs, instance fields when the test
 * instance is created.</li>
 * </ul>
 * <h2>With Spring</h2>
 * Declare this annotation <em>before</em> {@code @SpringBootTest} (or any annotation that
 * registers Spring's {@code SpringExtension}), so that a static {@link ClusterResource} field
 * is set before Spring builds the application context and runs
 * {@code @DynamicPropertySource} methods:
 * <pre class="code">
 * &#64;EmbeddedCluster(replicas = 1)
 * &#64;SpringBootTest
 * class BillsRepositoryTests {
 *
 *     &#64;ClusterResource
 *     static PostgresCluster cluster;
 *
 *     &#64;DynamicPropertySource
 *     static void database(DynamicPropertyRegistry registry) {
 *         registry.add("chanuka.database.url", () -&gt; cluster.primary().jdbcUrl());
 *         registry.add("chanuka.database.username", () -&gt; cluster.primary().username());
 *         registry.add("chanuka.database.password", () -&gt; cluster.primary().password());
 *         registry.add("chanuka.database.replicas[0].url", () -&gt; cluster.replica(1).jdbcUrl());
 *     }
 * }
 * </pre>
 * The cluster is closed after the class, while Spring keeps the class's application context
 * cached; add {@code @DirtiesContext} if that context would go on using the database.
 * <h2>Sharing a cluster</h2>
 * With the JUnit configuration parameter (or system property)
 * {@code chanuka.test.shared-clusters=true}, for instance in {@code junit-platform.properties},
 * every embedded-backend class that does not ask for {@link #faults()} shares one cluster per
 * JVM with the classes that ask for the same replicas, SSL, settings and client tools. Each
 * class gets a fresh database of its own ({@link PostgresNode#database()}, which every URL and
 * data source of the injected cluster names), dropped with any session still on it when the
 * class is done; the shared clusters stop when the test run ends. Such a class must not stop,
 * pause or promote nodes (its nodes refuse to) nor change server-wide state (roles,
 * {@code ALTER SYSTEM}) without undoing it.
 * <h2>Backends</h2>
 * <ul>
 * <li>If the environment variable or system property
 * {@value ExternalPostgresCluster#URL_VARIABLE} is set, that existing server is used as the
 * primary ({@link ExternalPostgresCluster}).</li>
 * <li>Otherwise, if the system property (or environment variable
 * {@code CHANUKA_TEST_BACKEND}) {@code chanuka.test.backend} is {@code testcontainers}, a
 * container is started ({@link ContainerPostgresCluster}, needs Docker).</li>
 * <li>Otherwise an {@link EmbeddedPostgresCluster} is started.</li>
 * </ul>
 * Only the embedded cluster has replicas, SSL and fault control. When the selected backend
 * cannot give what this annotation asks for ({@link #replicas()} &gt; 0, {@link #ssl()},
 * {@link #faults()}), the whole test class is skipped with a message saying why.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PostgresClusterExtension.class)
public @interface EmbeddedCluster {

	/**
	 * Number of streaming replicas.
	 * @return the number of replicas
	 */
	int replicas() default 1;

	/**
	 * Whether the servers accept SSL, with a certificate that
	 * {@link PostgresCluster#rootCertificate()} verifies.
	 * @return whether to enable SSL
	 */
	boolean ssl() default false;

	/**
	 * Whether the tests stop, pause, restart or promote nodes. Backends without fault control
	 * skip the class.
	 * @return whether the tests need fault control
	 */
	boolean faults() default false;

	/**
	 * Extra server settings of the embedded cluster as {@code name=value}, such as
	 * {@code "max_connections=200"}. Other backends ignore them.
	 * @return the settings
	 */
	String[] settings() default {};

	/**
	 * Whether the embedded cluster runs the major version of the {@code pg_dump} on the
	 * PATH, so that the machine's client tools can back it up and restore into it: the
	 * bundled binaries when they are of that version, else the PostgreSQL server installed
	 * beside the client tools ({@code /usr/lib/postgresql/<major>/bin},
	 * {@code /usr/pgsql-<major>/bin} or pg_dump's own directory). Without {@code pg_dump}
	 * or such a server the class is skipped, saying why. Other backends ignore it.
	 * @return whether to match the client tools
	 */
	boolean matchClientTools() default false;

}
