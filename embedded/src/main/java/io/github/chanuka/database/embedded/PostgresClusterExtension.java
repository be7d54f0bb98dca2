package io.github.chanuka.database.embedded;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.StoreScope;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ModifierSupport;

/**
 * JUnit Jupiter extension behind {@link EmbeddedCluster}: starts one {@link PostgresCluster}
 * per test class on first need, injects it into {@link ClusterResource} fields and
 * {@link PostgresCluster} parameters, and closes it when the class is done. Nested test classes
 * share their enclosing class's cluster. See {@link EmbeddedCluster} for the backends.
 * <p>
 * With the JUnit configuration parameter (or system property)
 * {@code chanuka.test.shared-clusters=true}, classes that do not ask for fault control share
 * one embedded cluster per JVM and request, each class getting a fresh database of its own,
 * dropped when the class is done; the clusters are closed when the test run ends.
 *
 * @since 0.1.0
 */
public class PostgresClusterExtension implements BeforeAllCallback, TestInstancePostProcessor, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(PostgresClusterExtension.class);

	private final UnaryOperator<String> environment;

	/**
	 * Create an extension that reads the backend selection from system properties and
	 * environment variables.
	 */
	public PostgresClusterExtension() {
		this(ClusterBackend.systemEnvironment());
	}

	PostgresClusterExtension(UnaryOperator<String> environment) {
		this.environment = environment;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		injectFields(context.getRequiredTestClass(), null, cluster(context));
	}

	@Override
	public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
		injectFields(testInstance.getClass(), testInstance, cluster(context));
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == PostgresCluster.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return cluster(extensionContext);
	}

	private PostgresCluster cluster(ExtensionContext context) {
		ExtensionContext classContext = classContext(context);
		return classContext.getStore(NAMESPACE)
			.computeIfAbsent(PostgresCluster.class, (key) -> start(classContext), PostgresCluster.class);
	}

	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
			current = current.getParent().get();
		}
		return current;
	}

	private PostgresCluster start(ExtensionContext classContext) {
		ClusterRequest request = AnnotationSupport
			.findAnnotation(classContext.getRequiredTestClass(), EmbeddedCluster.class,
					classContext.getEnclosingTestClasses())
			.map(ClusterRequest::of)
			.orElseGet(ClusterRequest::defaults);
		ClusterBackend backend = ClusterBackend.select(this.environment);
		backend.unmetRequirement(request)
			.ifPresent((reason) -> Assumptions.abort(classContext.getRequiredTestClass().getSimpleName() + " " + reason));
		if (backend == ClusterBackend.EMBEDDED && !request.faults() && sharesClusters(classContext)) {
			// the launcher session spans every class of a Surefire fork, which runs each class as its own request
			SharedClusters shared = classContext.getStore(StoreScope.LAUNCHER_SESSION, NAMESPACE)
				.computeIfAbsent(SharedClusters.class,
						(key) -> new SharedClusters((sharedRequest) -> (EmbeddedPostgresCluster) backend
							.start(sharedRequest, this.environment)),
						SharedClusters.class);
			return shared.forClass(request, classContext.getRequiredTestClass());
		}
		return backend.start(request, this.environment);
	}

	private boolean sharesClusters(ExtensionContext context) {
		return context.getConfigurationParameter(SharedClusters.SHARED_CLUSTERS_PARAMETER)
			.or(() -> Optional.ofNullable(this.environment.apply(SharedClusters.SHARED_CLUSTERS_PARAMETER)))
			.map(Boolean::parseBoolean)
			.orElse(false);
	}

	private static void injectFields(Class<?> testClass, Object testInstance, PostgresCluster cluster) {
		for (Field field : AnnotationSupport.findAnnotatedFields(testClass, ClusterResource.class)) {
			boolean isStatic = ModifierSupport.isStatic(field);
			if (testInstance == null && !isStatic) {
				continue;
			}
			if (Modifier.isFinal(field.getModifiers()) || !field.getType().isInstance(cluster)) {
				throw new ExtensionConfigurationException("@ClusterResource field " + field
						+ " must be a non-final field of type PostgresCluster");
			}
			try {
				field.setAccessible(true);
				field.set(isStatic ? null : testInstance, cluster);
			}
			catch (IllegalAccessException ex) {
				throw new ExtensionConfigurationException("Could not set @ClusterResource field " + field, ex);
			}
		}
	}

}
