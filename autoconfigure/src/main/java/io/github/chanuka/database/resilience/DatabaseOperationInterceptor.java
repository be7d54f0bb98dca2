package io.github.chanuka.database.resilience;

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

	private final OperationExecutor executor;

	/**
	 * Create an interceptor.
	 * @param executor runs the operations
	 */
	public DatabaseOperationInterceptor(OperationExecutor executor) {
		this.executor = executor;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		DatabaseOperation operation = AnnotatedElementUtils.findMergedAnnotation(invocation.getMethod(),
				DatabaseOperation.class);
		if (operation == null || !(invocation instanceof ProxyMethodInvocation proxyInvocation)) {
			return invocation.proceed();
		}
		return this.executor.execute(operation.value(), () -> proxyInvocation.invocableClone().proceed());
	}

}
