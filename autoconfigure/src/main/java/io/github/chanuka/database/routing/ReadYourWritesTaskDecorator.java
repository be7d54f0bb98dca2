package io.github.chanuka.database.routing;

import org.springframework.core.task.TaskDecorator;

/**
 * Carries read-your-writes to tasks run on Spring's task executors, such as an
 * asynchronous MVC request's {@code Callable} or an {@code @Async} method: the task
 * reads with the token of the thread that submitted it, its writes reach that thread's
 * request and response, and it leaves nothing behind on the pooled thread. Spring Boot
 * applies every {@code TaskDecorator} bean to the executors it builds.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class ReadYourWritesTaskDecorator implements TaskDecorator {

	private final RoutingContext context;

	/**
	 * Create a decorator.
	 * @param context the routing context
	 */
	public ReadYourWritesTaskDecorator(RoutingContext context) {
		this.context = context;
	}

	@Override
	public Runnable decorate(Runnable task) {
		RoutingContext.Carried carried = this.context.carry();
		return () -> {
			this.context.resume(carried);
			try {
				task.run();
			}
			finally {
				this.context.clear();
			}
		};
	}

}
