package io.github.chanuka.database.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The window logic of {@link PoolSaturationRule}, on a clock the test moves.
 */
class PoolSaturationRuleTests {

	private Instant now = Instant.parse("2026-01-05T09:00:00Z");

	private final PoolSaturationRule rule = new PoolSaturationRule("pool-utilization", 92, Duration.ofMinutes(5),
			AlertSeverity.HIGH, Duration.ofMinutes(5), () -> this.now);

	@Test
	void aFullPoolWithNobodyWaitingDoesNotFireWithinTheWindow() {
		assertThat(this.rule.evaluate(snapshot(8, 8, 0))).isEmpty();
		advance(Duration.ofMinutes(4).plusSeconds(59));
		assertThat(this.rule.evaluate(snapshot(8, 8, 0))).isEmpty();
	}

	@Test
	void utilisationAboveTheThresholdForTheWholeWindowFires() {
		this.rule.evaluate(snapshot(8, 8, 0));
		advance(Duration.ofMinutes(2));
		this.rule.evaluate(snapshot(19, 20, 0));
		advance(Duration.ofMinutes(3));
		assertThat(this.rule.evaluate(snapshot(8, 8, 0)))
			.containsExactly(new AlertRule.Breach("primary", 100, 92));
	}

	@Test
	void oneEvaluationAtOrBelowTheThresholdRestartsTheWindow() {
		this.rule.evaluate(snapshot(8, 8, 0));
		advance(Duration.ofMinutes(3));
		assertThat(this.rule.evaluate(snapshot(23, 25, 0))).as("92% is not above 92%").isEmpty();
		advance(Duration.ofMinutes(3));
		assertThat(this.rule.evaluate(snapshot(8, 8, 0))).isEmpty();
		advance(Duration.ofMinutes(5));
		assertThat(this.rule.evaluate(snapshot(8, 8, 0))).hasSize(1);
	}

	@Test
	void threadsWaitingForAConnectionOfAFullPoolFireAtOnce() {
		assertThat(this.rule.evaluate(snapshot(8, 8, 1))).containsExactly(new AlertRule.Breach("primary", 100, 92));
	}

	@Test
	void borrowersCountedAsWaitingByAPoolWithConnectionsToSpareDoNotFire() {
		// HikariCP counts a borrower that missed its thread's cached connection, for an instant
		assertThat(this.rule.evaluate(snapshot(3, 8, 2))).isEmpty();
	}

	@Test
	void theBreachClearsAsSoonAsNobodyWaitsAndUtilisationDrops() {
		this.rule.evaluate(snapshot(8, 8, 0));
		advance(Duration.ofMinutes(6));
		assertThat(this.rule.evaluate(snapshot(8, 8, 0))).hasSize(1);
		assertThat(this.rule.evaluate(snapshot(2, 8, 0))).isEmpty();
		advance(Duration.ofSeconds(1));
		assertThat(this.rule.evaluate(snapshot(8, 8, 0))).as("a new window starts").isEmpty();
	}

	@Test
	void eachNodeHasItsOwnWindow() {
		DatabaseSnapshot.Node replica = node("replica-1", 4, 4, 0);
		this.rule.evaluate(new DatabaseSnapshot(List.of(node("primary", 1, 8, 0), replica), 0, 0, 0, null,
				Duration.ofSeconds(10)));
		advance(Duration.ofMinutes(5));
		assertThat(this.rule.evaluate(new DatabaseSnapshot(List.of(node("primary", 8, 8, 0), replica), 0, 0, 0,
				null, Duration.ofSeconds(10))))
			.extracting(AlertRule.Breach::node)
			.containsExactly("replica-1");
	}

	@Test
	void aWindowOfZeroIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PoolSaturationRule("p", 90, Duration.ZERO,
				AlertSeverity.HIGH, Duration.ofMinutes(5), InstantSource.system()));
	}

	private void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	private static DatabaseSnapshot snapshot(int active, int maximum, int waiting) {
		return new DatabaseSnapshot(List.of(node("primary", active, maximum, waiting)), 0, 0, 0, null,
				Duration.ofSeconds(10));
	}

	private static DatabaseSnapshot.Node node(String name, int active, int maximum, int waiting) {
		return new DatabaseSnapshot.Node(name, "primary", true, null, active, maximum, null, null, waiting);
	}

}
