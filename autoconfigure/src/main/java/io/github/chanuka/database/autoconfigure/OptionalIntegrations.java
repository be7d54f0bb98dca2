package io.github.chanuka.database.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The optional libraries the starter integrates with, and what is off without each, so
 * that startup says in one line what the application goes without.
 *
 * @author Chanuka Database
 */
final class OptionalIntegrations {

	private static final List<Integration> INTEGRATIONS = List.of(
			new Integration("resilience4j-spring-boot4", "circuit breakers, retries and the read-only retry",
					"io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry",
					"io.github.resilience4j.retry.RetryRegistry",
					"io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration"),
			new Integration("spring-boot-health", "the chanukaDatabase health component",
					"org.springframework.boot.health.contributor.HealthIndicator"),
			new Integration("spring-boot-actuator", "the database endpoint",
					"org.springframework.boot.actuate.endpoint.annotation.Endpoint"),
			new Integration("micrometer-core", "metrics", "io.micrometer.core.instrument.binder.MeterBinder"),
			new Integration("liquibase-core", "migrations", "liquibase.integration.spring.SpringLiquibase"),
			new Integration("picocli", "the db commands", "picocli.CommandLine"),
			new Integration("jakarta.servlet-api", "the read-your-writes cookie across requests",
					"jakarta.servlet.Filter", "org.springframework.web.filter.OncePerRequestFilter"));

	private OptionalIntegrations() {
	}

	/**
	 * Return what is off because its library is missing.
	 * @param classLoader the class loader to look in
	 * @return one entry per missing library, such as {@code metrics (no micrometer-core)}
	 */
	static List<String> missing(@Nullable ClassLoader classLoader) {
		return INTEGRATIONS.stream()
			.filter((integration) -> !integration.isPresent(classLoader))
			.map((integration) -> integration.feature() + " (no " + integration.library() + ")")
			.toList();
	}

	/**
	 * Log, in one line, what is off because its library is missing.
	 * @param logger the logger to write to
	 * @param classLoader the class loader to look in
	 */
	static void logMissing(Log logger, @Nullable ClassLoader classLoader) {
		List<String> missing = missing(classLoader);
		if (!missing.isEmpty()) {
			logger.info(missing.stream()
				.collect(Collectors.joining("; ", "Chanuka Database: off for want of a library on the class path: ",
						"")));
		}
	}

	private record Integration(String library, String feature, String... classNames) {

		boolean isPresent(@Nullable ClassLoader classLoader) {
			for (String className : this.classNames) {
				if (!ClassUtils.isPresent(className, classLoader)) {
					return false;
				}
			}
			return true;
		}

	}

}
