package io.github.chanuka.database.autoconfigure;

import java.time.Duration;

/**
 * Rejects routing and health durations that cannot work, naming the key.
 *
 * @author Chanuka Database
 */
final class RoutingSettingsValidator {

	private RoutingSettingsValidator() {
	}

	static void validate(ChanukaDatabaseProperties properties) {
		ConfigurationProblems problems = new ConfigurationProblems();
		validate(properties, problems);
		problems.throwIfAny();
	}

	static void validate(ChanukaDatabaseProperties properties, ConfigurationProblems problems) {
		positive("chanuka.database.routing.max-replication-lag", properties.getRouting().getMaxReplicationLag(), "10s",
				problems);
		if (properties.getRouting().getReadYourWrites().isNegative()) {
			problems.add("chanuka.database.routing.read-your-writes",
					properties.getRouting().getReadYourWrites().toString(), "read-your-writes cannot be negative",
					"Set chanuka.database.routing.read-your-writes to a duration such as 2s, or 0 to switch it off.");
		}
		positive("chanuka.database.health.check-interval", properties.getHealth().getCheckInterval(), "5s", problems);
		positive("chanuka.database.health.timeout", properties.getHealth().getTimeout(), "2s", problems);
	}

	private static void positive(String key, Duration value, String example, ConfigurationProblems problems) {
		if (value == null || value.isNegative() || value.isZero()) {
			problems.add(key, String.valueOf(value), "The duration must be positive",
					"Set " + key + " to a positive duration such as " + example + ".");
		}
	}

}
