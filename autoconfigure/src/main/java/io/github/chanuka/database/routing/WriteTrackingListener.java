package io.github.chanuka.database.routing;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * Records each committed read-write transaction in the {@link RoutingContext}, so the
 * reads that follow in the same thread go to the primary for the read-your-writes
 * window, and tells the {@link WriteObserver}s (such as the HTTP cookie that carries
 * the window to the client's next request).
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class WriteTrackingListener implements TransactionExecutionListener {

	private final RoutingContext context;

	private final List<WriteObserver> observers;

	/**
	 * Create a listener.
	 * @param context the routing context to record writes in
	 * @param observers told of every committed write
	 */
	public WriteTrackingListener(RoutingContext context, List<WriteObserver> observers) {
		this.context = context;
		this.observers = List.copyOf(observers);
	}

	@Override
	public void afterCommit(TransactionExecution transaction, @Nullable Throwable commitFailure) {
		if (commitFailure == null && !transaction.isReadOnly() && transaction.isNewTransaction()) {
			this.context.recordWrite();
			for (WriteObserver observer : this.observers) {
				observer.writeCommitted(this.context.readYourWrites());
			}
		}
	}

}
