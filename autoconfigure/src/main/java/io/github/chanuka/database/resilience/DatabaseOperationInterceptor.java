package io.github.chanuka.database.resilience;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Runs {@link DatabaseOperation} methods through the {@link OperationExecutor}. Ordered
 * before the transaction interceptor, so each attempt runs in a transaction of its own.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class DatabaseOperationInterceptor implements MethodInterceptor {

	private static final Object NOT_AN_OPERATION = new Object();

	private final OperationExecutor executor;

	/**
	 * Each method's operation name, or {@link #NOT_AN_OPERATION}: resolving a merged
	 * annotation on every call cost more than the rest of the interceptor.
	 */
	private final Map<Method, Object> operations = new ConcurrentHashMap<>();

	/**
	 * Create an interceptor.
	 * @param executor runs the operations
	 */
	public DatabaseOperationInterceptor(OperationExecutor executor) {
		this.executor = executor;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object operation = this.operations.computeIfAbsent(invocation.getMethod(),
				DatabaseOperationInterceptor::operation);
		if (!(operation instanceof String name) || !(invocation instanceof ProxyMethodInvocation proxyInvocation)) {
			return invocation.proceed();
		}
		return this.executor.execute(name, () -> proxyInvocation.invocableClone().proceed());
	}

	private static Object operation(Method method) {
		DatabaseOperation operation = AnnotatedElementUtils.findMergedAnnotation(method, DatabaseOperation.class);
		return (operation != null) ? operation.value() : NOT_AN_OPERATION;
	}

}
