package io.github.chanuka.database.metrics;

import java.util.ArrayDeque;
import java.util.Deque;

import io.github.chanuka.database.resilience.OperationListener;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Runs each database operation inside a Micrometer {@link Observation} named
 * {@value #NAME} (low-cardinality {@code operation} and {@code outcome}, each retry an
 * event), so tracing shows one span per operation around its statements' spans.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class OperationObservations implements OperationListener {

	/**
	 * Name of the observation.
	 */
	public static final String NAME = "chanuka.db.operation";

	private static final Observation.Event RETRY = Observation.Event.of(NAME + ".retry", "retry");

	private final ObservationRegistry registry;

	private final ThreadLocal<Deque<Observation.Scope>> scopes = ThreadLocal.withInitial(ArrayDeque::new);

	/**
	 * Create an instance.
	 * @param registry the application's observation registry
	 */
	public OperationObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void started(String operation) {
		Observation observation = Observation.createNotStarted(NAME, this.registry)
			.contextualName("db operation " + operation)
			.lowCardinalityKeyValue("operation", operation)
			.start();
		this.scopes.get().push(observation.openScope());
	}

	@Override
	public void retrying(String operation) {
		Observation.Scope scope = this.scopes.get().peek();
		if (scope != null) {
			scope.getCurrentObservation().event(RETRY);
		}
	}

	@Override
	public void completed(String operation, Outcome outcome, long nanos) {
		Deque<Observation.Scope> open = this.scopes.get();
		Observation.Scope scope = open.poll();
		if (scope != null) {
			Observation observation = scope.getCurrentObservation();
			scope.close();
			observation.lowCardinalityKeyValue("outcome", outcome.tagValue()).stop();
		}
	}

}
