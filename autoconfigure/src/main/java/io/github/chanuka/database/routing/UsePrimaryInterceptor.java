package io.github.chanuka.database.routing;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@link UsePrimary} methods with reads forced to the primary. Ordered before the
 * transaction interceptor, so the hint is in place before any read-only transaction of
 * the method takes its connection.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class UsePrimaryInterceptor implements MethodInterceptor {

	private final RoutingContext context;

	/**
	 * Create an interceptor.
	 * @param context the routing context to mark
	 */
	public UsePrimaryInterceptor(RoutingContext context) {
		this.context = context;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		this.context.enterPrimaryOnly();
		try {
			return invocation.proceed();
		}
		finally {
			this.context.exitPrimaryOnly();
		}
	}

}
