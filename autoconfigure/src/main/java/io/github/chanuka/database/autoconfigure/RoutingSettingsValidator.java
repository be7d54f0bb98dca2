package io.github.chanuka.database.autoconfigure;

import java.time.Duration;

/**
 * Rejects routing and health durations that cannot work, naming the key.
 *
 * @author Chanuka Database
 */
final class RoutingSettingsValidator {

	private static final Duration MIN_ACQUISITION_TIMEOUT = Duration.ofMillis(250);

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
		Duration acquisition = properties.getRouting().getReplicaAcquisitionTimeout();
		if (acquisition == null || acquisition.compareTo(MIN_ACQUISITION_TIMEOUT) < 0) {
			problems.add("chanuka.database.routing.replica-acquisition-timeout", String.valueOf(acquisition),
					"HikariCP waits at least 250ms for a connection",
					"Set chanuka.database.routing.replica-acquisition-timeout to 250ms or more, such as 250ms.");
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
