package io.github.chanuka.database.autoconfigure;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.InvalidDatabaseConfigurationException;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Decides the {@link DatabaseEnvironment}: the configured one, else the strictest one
 * named by an active profile, else the legacy {@code NODE_ENV} variable, else
 * development.
 *
 * @author Chanuka Database
 */
final class EnvironmentResolver {

	private static final Map<String, DatabaseEnvironment> PROFILE_NAMES = Map.of("dev",
			DatabaseEnvironment.DEVELOPMENT, "development", DatabaseEnvironment.DEVELOPMENT, "local",
			DatabaseEnvironment.DEVELOPMENT, "test", DatabaseEnvironment.TEST, "staging", DatabaseEnvironment.STAGING,
			"stage", DatabaseEnvironment.STAGING, "prod", DatabaseEnvironment.PRODUCTION, "production",
			DatabaseEnvironment.PRODUCTION);

	static final String NODE_ENV = "NODE_ENV";

	private static final String DEFAULT_ORIGIN = "default";

	private EnvironmentResolver() {
	}

	private static DatabaseEnvironment environmentOf(String profile) {
		return Objects.requireNonNull(PROFILE_NAMES.get(profile.toLowerCase(Locale.ROOT)),
				() -> "no environment for profile " + profile);
	}

	static Resolved resolve(ChanukaDatabaseProperties properties, Environment environment) {
		if (properties.getEnvironment() != null) {
			return new Resolved(properties.getEnvironment(), "chanuka.database.environment");
		}
		Optional<String> profile = Stream.of(environment.getActiveProfiles())
			.filter((name) -> PROFILE_NAMES.containsKey(name.toLowerCase(Locale.ROOT)))
			.max(Comparator.comparing((name) -> environmentOf(name)));
		if (profile.isPresent()) {
			String name = profile.get();
			return new Resolved(environmentOf(name), "active profile '" + name + "'");
		}
		String nodeEnv = environment.getProperty(NODE_ENV);
		if (StringUtils.hasText(nodeEnv)) {
			DatabaseEnvironment named = PROFILE_NAMES.get(nodeEnv.trim().toLowerCase(Locale.ROOT));
			if (named == null) {
				throw new InvalidDatabaseConfigurationException(NODE_ENV, nodeEnv.trim(),
						"NODE_ENV does not name an environment",
						"Set NODE_ENV to development, test, staging or production (or dev, stage, prod), or set "
								+ "chanuka.database.environment, which takes precedence.");
			}
			return new Resolved(named, NODE_ENV);
		}
		return new Resolved(DatabaseEnvironment.DEVELOPMENT, DEFAULT_ORIGIN);
	}

	/**
	 * An environment and why it applies.
	 *
	 * @param environment the environment
	 * @param origin why it applies, such as {@code active profile 'prod'}
	 */
	record Resolved(DatabaseEnvironment environment, String origin) {

		/**
		 * Return whether nothing chose the environment, so it is the default.
		 * @return whether the environment was not chosen explicitly
		 */
		boolean isDefault() {
			return DEFAULT_ORIGIN.equals(this.origin);
		}

	}

}
