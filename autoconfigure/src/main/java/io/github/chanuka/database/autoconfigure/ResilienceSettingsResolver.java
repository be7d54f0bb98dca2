package io.github.chanuka.database.autoconfigure;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;

/**
 * Turns {@code chanuka.database.resilience.*} into Resilience4j configurations,
 * rejecting values that cannot work, naming the key.
 *
 * @author Chanuka Database
 */
final class ResilienceSettingsResolver {

	private static final String RETRY = "chanuka.database.resilience.retry";

	private static final String BREAKER = "chanuka.database.resilience.circuit-breaker";

	private ResilienceSettingsResolver() {
	}

	static RetryConfig retryConfig(ChanukaDatabaseProperties.Retry retry) {
		ConfigurationProblems problems = new ConfigurationProblems();
		checkRetry(retry, problems);
		problems.throwIfAny();
		int attempts = retry.isEnabled() ? retry.getMaxAttempts() : 1;
		return RetryConfig.custom()
			.maxAttempts(attempts)
			.intervalFunction((retry.getJitter() > 0)
					? IntervalFunction.ofExponentialRandomBackoff(retry.getInitialInterval(), retry.getMultiplier(),
							retry.getJitter(), retry.getMaxInterval())
					: IntervalFunction.ofExponentialBackoff(retry.getInitialInterval(), retry.getMultiplier(),
							retry.getMaxInterval()))
			.build();
	}

	/**
	 * Check the retry settings, recording every bad value.
	 * @param retry the retry properties
	 * @param problems where problems are recorded
	 */
	static void checkRetry(ChanukaDatabaseProperties.Retry retry, ConfigurationProblems problems) {
		atLeastOne(RETRY + ".max-attempts", retry.getMaxAttempts(), problems);
		boolean intervals = positive(RETRY + ".initial-interval", retry.getInitialInterval(), problems)
				& positive(RETRY + ".max-interval", retry.getMaxInterval(), problems);
		if (!(retry.getMultiplier() >= 1.0)) {
			problems.add(RETRY + ".multiplier", String.valueOf(retry.getMultiplier()),
					"The backoff multiplier must be 1 or more, or waits would shrink",
					"Set " + RETRY + ".multiplier to 1 (constant waits) or more, such as 2.");
		}
		if (intervals && retry.getMaxInterval().compareTo(retry.getInitialInterval()) < 0) {
			problems.add(RETRY + ".max-interval", retry.getMaxInterval().toString(),
					"max-interval is shorter than initial-interval (" + retry.getInitialInterval() + ")",
					"Set " + RETRY + ".max-interval to at least " + RETRY + ".initial-interval.");
		}
		if (!(retry.getJitter() >= 0 && retry.getJitter() < 1)) {
			problems.add(RETRY + ".jitter", String.valueOf(retry.getJitter()),
					"The jitter is a fraction of each wait, from 0 (none) to below 1",
					"Set " + RETRY + ".jitter to a value such as 0.5, or 0 for exact waits.");
		}
	}

	static CircuitBreakerConfig circuitBreakerConfig(ChanukaDatabaseProperties.CircuitBreaker breaker) {
		ConfigurationProblems problems = new ConfigurationProblems();
		checkCircuitBreaker(breaker, problems);
		problems.throwIfAny();
		return CircuitBreakerConfig.custom()
			.failureRateThreshold(breaker.getFailureRateThreshold())
			.minimumNumberOfCalls(breaker.getMinimumNumberOfCalls())
			.slidingWindowSize(breaker.getSlidingWindowSize())
			.waitDurationInOpenState(breaker.getWaitDurationInOpenState())
			.permittedNumberOfCallsInHalfOpenState(breaker.getPermittedCallsInHalfOpenState())
			.build();
	}

	/**
	 * Check the circuit breaker settings, recording every bad value.
	 * @param breaker the circuit breaker properties
	 * @param problems where problems are recorded
	 */
	static void checkCircuitBreaker(ChanukaDatabaseProperties.CircuitBreaker breaker, ConfigurationProblems problems) {
		float threshold = breaker.getFailureRateThreshold();
		if (!(threshold >= 1 && threshold <= 100)) {
			problems.add(BREAKER + ".failure-rate-threshold", String.valueOf(threshold),
					"The failure rate threshold is a percentage from 1 to 100",
					"Set " + BREAKER + ".failure-rate-threshold to a value from 1 to 100, such as 50.");
		}
		atLeastOne(BREAKER + ".minimum-number-of-calls", breaker.getMinimumNumberOfCalls(), problems);
		atLeastOne(BREAKER + ".sliding-window-size", breaker.getSlidingWindowSize(), problems);
		atLeastOne(BREAKER + ".permitted-calls-in-half-open-state", breaker.getPermittedCallsInHalfOpenState(),
				problems);
		positive(BREAKER + ".wait-duration-in-open-state", breaker.getWaitDurationInOpenState(), problems);
	}

	private static void atLeastOne(String key, int value, ConfigurationProblems problems) {
		if (value < 1) {
			problems.add(key, String.valueOf(value), "The value must be at least 1", "Set " + key + " to 1 or more.");
		}
	}

	private static boolean positive(String key, Duration value, ConfigurationProblems problems) {
		if (value == null || value.isNegative() || value.isZero()) {
			problems.add(key, String.valueOf(value), "The duration must be positive",
					"Set " + key + " to a positive duration such as 100ms.");
			return false;
		}
		return true;
	}

}
