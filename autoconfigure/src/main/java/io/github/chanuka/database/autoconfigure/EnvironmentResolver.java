package io.github.chanuka.database.autoconfigure;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.github.chanuka.database.DatabaseEnvironment;

import org.springframework.core.env.Environment;

/**
 * Decides the {@link DatabaseEnvironment}: the configured one, else the strictest one
 * named by an active profile, else development.
 *
 * @author Chanuka Database
 */
final class EnvironmentResolver {

	private static final Map<String, DatabaseEnvironment> PROFILE_NAMES = Map.of("dev",
			DatabaseEnvironment.DEVELOPMENT, "development", DatabaseEnvironment.DEVELOPMENT, "local",
			DatabaseEnvironment.DEVELOPMENT, "test", DatabaseEnvironment.TEST, "staging", DatabaseEnvironment.STAGING,
			"stage", DatabaseEnvironment.STAGING, "prod", DatabaseEnvironment.PRODUCTION, "production",
			DatabaseEnvironment.PRODUCTION);

	private EnvironmentResolver() {
	}

	static Resolved resolve(ChanukaDatabaseProperties properties, Environment environment) {
		if (properties.getEnvironment() != null) {
			return new Resolved(properties.getEnvironment(), "chanuka.database.environment");
		}
		Optional<String> profile = Stream.of(environment.getActiveProfiles())
			.filter((name) -> PROFILE_NAMES.containsKey(name.toLowerCase(Locale.ROOT)))
			.max(Comparator.comparing((name) -> PROFILE_NAMES.get(name.toLowerCase(Locale.ROOT))));
		return profile
			.map((name) -> new Resolved(
					Objects.requireNonNull(PROFILE_NAMES.get(name.toLowerCase(Locale.ROOT)), "filtered above"),
					"active profile '" + name + "'"))
			.orElseGet(() -> new Resolved(DatabaseEnvironment.DEVELOPMENT, "default"));
	}

	record Resolved(DatabaseEnvironment environment, String origin) {

	}

}
