package io.github.chanuka.database.resilience;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Obtains the starter's {@link Retry} instances from the application's registry, with
 * the starter's safety rule always applied. An instance the application configured
 * under {@code resilience4j.retry.instances} keeps its attempts, waits and predicate,
 * but a failure is retried only when both its predicate and the safety rule agree:
 * tuning changes how often and how long, never what is retried. When a tuned predicate
 * would retry a failure the rule refuses, that is logged once per instance.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class SafeRetries {

	private static final Log logger = LogFactory.getLog(SafeRetries.class);

	private final RetryRegistry registry;

	private final RetryConfig defaults;

	private final Map<String, Retry> retries = new ConcurrentHashMap<>();

	private final Set<String> overruled = ConcurrentHashMap.newKeySet();

	/**
	 * Create an instance.
	 * @param registry the application's registry
	 * @param defaults attempts and waits of instances the application did not configure
	 */
	public SafeRetries(RetryRegistry registry, RetryConfig defaults) {
		this.registry = registry;
		this.defaults = defaults;
	}

	/**
	 * Return the retry of a name, created on first use.
	 * @param name the name, without the {@link InstanceNames#PREFIX prefix}
	 * @param safe whether the starter may retry a failure
	 * @return the retry instance, registered as {@code chanuka-database-<name>}
	 */
	public Retry obtain(String name, Predicate<Throwable> safe) {
		return obtain(name, this.defaults, safe);
	}

	/**
	 * Return the retry of a name, created on first use with its own defaults.
	 * @param name the name, without the {@link InstanceNames#PREFIX prefix}
	 * @param defaults attempts and waits when the application did not configure the
	 * instance
	 * @param safe whether the starter may retry a failure
	 * @return the retry instance, registered as {@code chanuka-database-<name>}
	 */
	public Retry obtain(String name, RetryConfig defaults, Predicate<Throwable> safe) {
		return this.retries.computeIfAbsent(name, (key) -> {
			String instance = InstanceNames.of(key);
			return this.registry.find(instance)
				.map((tuned) -> guard(tuned, safe))
				.orElseGet(() -> this.registry.retry(instance, RetryConfig.from(defaults)
					.retryOnException(safe)
					.retryExceptions()
					.ignoreExceptions()
					.build()));
		});
	}

	private Retry guard(Retry tuned, Predicate<Throwable> safe) {
		Predicate<Throwable> wanted = tuned.getRetryConfig().getExceptionPredicate();
		Predicate<Throwable> both = (failure) -> {
			boolean isSafe = safe.test(failure);
			boolean isWanted = wanted.test(failure);
			if (isWanted && !isSafe && this.overruled.add(tuned.getName())) {
				logger.warn("Retry " + tuned.getName() + " is configured to retry a failure the starter never retries ("
						+ failure.getClass().getName() + "): it may have stored a write, or cannot succeed on "
						+ "another attempt; such failures are not retried whatever the instance configuration says");
			}
			return isSafe && isWanted;
		};
		// retryExceptions would be OR-ed with the predicate: the tuned predicate already holds them
		Retry guarded = Retry.of(tuned.getName(), RetryConfig.from(tuned.getRetryConfig())
			.retryOnException(both)
			.retryExceptions()
			.ignoreExceptions()
			.build(), tuned.getTags());
		this.registry.replace(tuned.getName(), guarded);
		return guarded;
	}

}
