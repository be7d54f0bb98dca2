package io.github.chanuka.database.alert;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.chanuka.database.alert.DatabaseAlertEvent.State;
import org.junit.jupiter.api.function.Executable;

import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records the alert events of an application context, and proves a rule fires on a real
 * condition and resolves when it clears: the one helper every alert rule test uses.
 */
public class AlertEvents implements ApplicationListener<DatabaseAlertEvent> {

	private final List<DatabaseAlertEvent> events = new CopyOnWriteArrayList<>();

	@Override
	public void onApplicationEvent(DatabaseAlertEvent event) {
		this.events.add(event);
	}

	/**
	 * Return the states a rule went through, oldest first.
	 * @param rule the rule name
	 * @return the states
	 */
	public List<State> states(String rule) {
		return this.events.stream()
			.filter((event) -> event.getAlert().rule().equals(rule))
			.map(DatabaseAlertEvent::getState)
			.toList();
	}

	/**
	 * Cause a condition, wait for the rule to fire, clear the condition (also when it did
	 * not fire) and wait for the rule to resolve.
	 * @param rule the rule name
	 * @param within how long each of firing and resolving may take
	 * @param cause brings the condition about
	 * @param clear ends it
	 * @return the alert as it first fired
	 */
	public DatabaseAlertEvent.Alert firesThenResolves(String rule, Duration within, Executable cause,
			Executable clear) {
		assertThat(states(rule)).as("%s before its condition", rule).isEmpty();
		DatabaseAlertEvent.Alert fired;
		try {
			run(cause);
			await().atMost(within).until(() -> states(rule).contains(State.FIRING));
			fired = this.events.stream()
				.filter((event) -> event.getAlert().rule().equals(rule) && event.getState() == State.FIRING)
				.findFirst()
				.orElseThrow()
				.getAlert();
			assertThat(states(rule)).as("%s still firing before its condition clears", rule)
				.doesNotContain(State.RESOLVED);
		}
		finally {
			run(clear);
		}
		await().atMost(within).until(() -> states(rule).contains(State.RESOLVED));
		List<State> states = states(rule);
		assertThat(states.get(states.size() - 1)).as("%s: %s", rule, states).isEqualTo(State.RESOLVED);
		assertThat(states).as("%s fires, then resolves once", rule).containsOnlyOnce(State.RESOLVED);
		return fired;
	}

	private static void run(Executable step) {
		try {
			step.execute();
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

}
