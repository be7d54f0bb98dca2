package io.github.chanuka.database.autoconfigure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.pool.JdbcUrls;
import io.github.chanuka.database.pool.NodeConnection;
import io.github.chanuka.database.pool.PoolSettings;
import io.github.chanuka.database.pool.ReplicaSettings;
import io.github.chanuka.database.pool.TlsSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.StringUtils;

/**
 * Validates {@code chanuka.database.replicas[*]}, holds each replica's effective
 * {@code sslmode} to the TLS policy, and fills in names, credentials and pool settings
 * the replicas share with the primary.
 *
 * @author Chanuka Database
 */
final class ReplicaSettingsResolver {

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

	private ReplicaSettingsResolver() {
	}

	static List<ReplicaSettings> resolve(ChanukaDatabaseProperties properties, DatabaseEnvironment environment,
			NodeConnection primary) {
		if (properties.getReplicas().isEmpty()) {
			return List.of();
		}
		return resolve(properties, environment, primary,
				TlsSettingsResolver.resolve(properties.getSsl(), environment, primary));
	}

	static List<ReplicaSettings> resolve(ChanukaDatabaseProperties properties, DatabaseEnvironment environment,
			NodeConnection primary, TlsSettings tls) {
		ConfigurationProblems problems = new ConfigurationProblems();
		List<ReplicaSettings> replicas = resolve(properties, environment, primary, tls, problems);
		problems.throwIfAny();
		return replicas;
	}

	/**
	 * Resolve the replicas, recording every problem.
	 * @param properties the properties
	 * @param environment the environment
	 * @param primary where the primary is reached, or {@code null} when it is unknown
	 * @param tls the TLS settings, or {@code null} when they could not be decided
	 * @param problems where problems are recorded
	 * @return the replicas without problems
	 */
	static List<ReplicaSettings> resolve(ChanukaDatabaseProperties properties, DatabaseEnvironment environment,
			@Nullable NodeConnection primary, @Nullable TlsSettings tls, ConfigurationProblems problems) {
		List<ReplicaSettings> replicas = new ArrayList<>();
		Set<String> names = new HashSet<>();
		List<ChanukaDatabaseProperties.Replica> configured = properties.getReplicas();
		for (int i = 0; i < configured.size(); i++) {
			ChanukaDatabaseProperties.Replica replica = configured.get(i);
			String key = "chanuka.database.replicas[" + i + "]";
			String name = StringUtils.hasText(replica.getName()) ? replica.getName().trim() : "replica-" + (i + 1);
			checkName(key, name, names, problems);
			NodeConnection connection = connection(key, name, replica, primary, problems);
			if (connection != null) {
				TlsSettingsResolver.checkReplica(key + ".url", name, connection, properties.getSsl(), environment, tls,
						problems);
			}
			if (replica.getWeight() < 1) {
				problems.add(key + ".weight", String.valueOf(replica.getWeight()),
						"A replica's weight must be at least 1",
						"Set " + key + ".weight to 1 or more; remove the replica to stop sending it reads.");
			}
			PoolSettings poolSettings = pool(key + ".pool", properties.getPool(), replica.getPool(), environment,
					problems);
			if (connection != null) {
				replicas.add(new ReplicaSettings(name, connection, poolSettings.withFailFast(false),
						Math.max(1, replica.getWeight())));
			}
		}
		return replicas;
	}

	private static void checkName(String key, String name, Set<String> names, ConfigurationProblems problems) {
		if (!NAME.matcher(name).matches() || name.equals("primary")) {
			problems.add(key + ".name", name,
					"A replica name must be lower-case letters, digits and dashes, and not 'primary'",
					"Rename the replica, for example " + key + ".name=replica-eu-1.");
		}
		else if (!names.add(name)) {
			problems.add(key + ".name", name, "Two replicas are named '" + name + "'",
					"Give every replica its own name under chanuka.database.replicas[*].name.");
		}
	}

	private static @Nullable NodeConnection connection(String key, String name,
			ChanukaDatabaseProperties.Replica replica, @Nullable NodeConnection primary,
			ConfigurationProblems problems) {
		String url = replica.getUrl();
		if (!StringUtils.hasText(url)) {
			problems.add(key + ".url", null, "Replica '" + name + "' has no URL",
					"Set " + key + ".url to the replica's JDBC URL, such as jdbc:postgresql://replica-host:5432/app.");
			return null;
		}
		String problem = JdbcUrls.problem(url.trim());
		if (problem != null) {
			problems.add(key + ".url", JdbcUrls.mask(url),
					"Replica '" + name + "' does not have a PostgreSQL JDBC URL the driver can use: " + problem,
					"Use a URL of the form jdbc:postgresql://replica-host:5432/app (several hosts: "
							+ "jdbc:postgresql://host-1:5432,host-2:5432/app).");
			return null;
		}
		if (primary != null && url.trim().equalsIgnoreCase(primary.jdbcUrl())) {
			problems.add(key + ".url", JdbcUrls.mask(url),
					"Replica '" + name + "' has the primary's URL, so its reads would not leave the primary",
					"Point " + key + ".url at a streaming replica, or remove the replica.");
			return null;
		}
		return new NodeConnection(url.trim(),
				StringUtils.hasText(replica.getUsername()) ? replica.getUsername()
						: (primary != null) ? primary.username() : null,
				StringUtils.hasText(replica.getPassword()) ? replica.getPassword()
						: (primary != null) ? primary.password() : null,
				key + ".url");
	}

	/**
	 * A replica's pool is the shared one with the replica's own overrides; a bad shared
	 * value is reported once, under the shared key, and only the replica's own values
	 * are reported under its key.
	 */
	private static PoolSettings pool(String prefix, ChanukaDatabaseProperties.Pool shared,
			ChanukaDatabaseProperties.Pool own, DatabaseEnvironment environment, ConfigurationProblems problems) {
		ConfigurationProblems merged = new ConfigurationProblems();
		PoolSettings settings = PoolSettingsResolver.resolve(prefix, merge(shared, own), environment, merged);
		Set<String> ownKeys = new HashSet<>();
		addIfSet(ownKeys, prefix + ".minimum-idle", own.getMinimumIdle());
		addIfSet(ownKeys, prefix + ".maximum-size", own.getMaximumSize());
		addIfSet(ownKeys, prefix + ".minimum-idle", own.getMaximumSize());
		addIfSet(ownKeys, prefix + ".connection-timeout", own.getConnectionTimeout());
		addIfSet(ownKeys, prefix + ".idle-timeout", own.getIdleTimeout());
		addIfSet(ownKeys, prefix + ".max-lifetime", own.getMaxLifetime());
		addIfSet(ownKeys, prefix + ".keepalive-time", own.getKeepaliveTime());
		addIfSet(ownKeys, prefix + ".validation-timeout", own.getValidationTimeout());
		addIfSet(ownKeys, prefix + ".leak-detection-threshold", own.getLeakDetectionThreshold());
		addIfSet(ownKeys, prefix + ".socket-timeout", own.getSocketTimeout());
		merged.forEach((problem) -> {
			if (ownKeys.contains(problem.getProperty())) {
				problems.add(problem);
			}
		});
		return settings;
	}

	private static void addIfSet(Set<String> keys, String key, @Nullable Object value) {
		if (value != null) {
			keys.add(key);
		}
	}

	private static ChanukaDatabaseProperties.Pool merge(ChanukaDatabaseProperties.Pool shared,
			ChanukaDatabaseProperties.Pool own) {
		ChanukaDatabaseProperties.Pool merged = new ChanukaDatabaseProperties.Pool();
		PropertyMapper map = PropertyMapper.get();
		map.from(own.getMinimumIdle()).orFrom(shared::getMinimumIdle).to(merged::setMinimumIdle);
		map.from(own.getMaximumSize()).orFrom(shared::getMaximumSize).to(merged::setMaximumSize);
		map.from(own.getConnectionTimeout()).orFrom(shared::getConnectionTimeout).to(merged::setConnectionTimeout);
		map.from(own.getIdleTimeout()).orFrom(shared::getIdleTimeout).to(merged::setIdleTimeout);
		map.from(own.getMaxLifetime()).orFrom(shared::getMaxLifetime).to(merged::setMaxLifetime);
		map.from(own.getKeepaliveTime()).orFrom(shared::getKeepaliveTime).to(merged::setKeepaliveTime);
		map.from(own.getValidationTimeout()).orFrom(shared::getValidationTimeout).to(merged::setValidationTimeout);
		map.from(own.getSocketTimeout()).orFrom(shared::getSocketTimeout).to(merged::setSocketTimeout);
		map.from(own.getLeakDetectionThreshold())
			.orFrom(shared::getLeakDetectionThreshold)
			.to(merged::setLeakDetectionThreshold);
		return merged;
	}

}
