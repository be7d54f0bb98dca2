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
 * Validates {@code chanuka.database.replicas[*]} (or the replicas of a
 * {@link ChanukaDatabaseConnectionDetails} bean), holds each replica's effective
 * {@code sslmode} to the TLS policy, and fills in names, credentials and pool settings
 * the replicas share with the primary.
 *
 * @author Chanuka Database
 */
final class ReplicaSettingsResolver {

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

	private static final String PREFIX = "chanuka.database.replicas";

	private static final String DETAILS_PREFIX = "ChanukaDatabaseConnectionDetails replicas";

	private ReplicaSettingsResolver() {
	}

	/**
	 * Resolve the replicas, recording every problem.
	 * @param properties the properties
	 * @param serviceConnection where a connection details bean puts the nodes, or
	 * {@code null}
	 * @param environment the environment
	 * @param primary where the primary is reached, or {@code null} when it is unknown
	 * @param tls the TLS settings, or {@code null} when they could not be decided
	 * @param problems where problems are recorded
	 * @return the replicas without problems
	 */
	static List<ReplicaSettings> resolve(ChanukaDatabaseProperties properties,
			@Nullable ServiceConnection serviceConnection, DatabaseEnvironment environment,
			@Nullable NodeConnection primary, @Nullable TlsSettings tls, ConfigurationProblems problems) {
		List<ReplicaSettings> replicas = new ArrayList<>();
		Set<String> names = new HashSet<>();
		List<Declared> declared = declared(properties.getReplicas(),
				(serviceConnection != null) ? serviceConnection.replicas() : null);
		for (Declared replica : declared) {
			String key = replica.key();
			String declaredName = replica.name();
			String name = StringUtils.hasText(declaredName) ? declaredName.trim() : replica.defaultName();
			checkName(key, name, names, problems);
			NodeConnection connection = connection(key, name, replica, primary, problems);
			if (connection != null) {
				TlsSettingsResolver.checkReplica(key + ".url", name, connection, properties.getSsl(), environment, tls,
						problems);
			}
			if (replica.weight() < 1) {
				problems.add(key + ".weight", String.valueOf(replica.weight()),
						"A replica's weight must be at least 1",
						"Set " + key + ".weight to 1 or more; remove the replica to stop sending it reads.");
			}
			PoolSettings poolSettings = pool(key + ".pool", properties.getPool(), replica.pool(), environment,
					problems);
			if (connection != null) {
				replicas.add(new ReplicaSettings(name, connection, poolSettings.withFailFast(false),
						Math.max(1, replica.weight())));
			}
		}
		return replicas;
	}

	/**
	 * The configured replicas, or those of connection details, which take their weight
	 * and pool from the configured replica of the same name.
	 */
	private static List<Declared> declared(List<ChanukaDatabaseProperties.Replica> configured,
			@Nullable List<ChanukaDatabaseConnectionDetails.Replica> detailed) {
		List<Declared> declared = new ArrayList<>();
		if (detailed == null) {
			for (int i = 0; i < configured.size(); i++) {
				ChanukaDatabaseProperties.Replica replica = configured.get(i);
				declared.add(new Declared(PREFIX + "[" + i + "]", "replica-" + (i + 1), replica.getName(),
						replica.getUrl(), replica.getUsername(), replica.getPassword(), replica.getWeight(),
						replica.getPool()));
			}
			return declared;
		}
		for (int i = 0; i < detailed.size(); i++) {
			ChanukaDatabaseConnectionDetails.Replica replica = detailed.get(i);
			ChanukaDatabaseProperties.Replica tuning = configured.stream()
				.filter((candidate) -> replica.name().equals(candidate.getName()))
				.findFirst()
				.orElseGet(ChanukaDatabaseProperties.Replica::new);
			declared.add(new Declared(DETAILS_PREFIX + "[" + i + "]", "replica-" + (i + 1), replica.name(),
					replica.jdbcUrl(), replica.username(), replica.password(), tuning.getWeight(), tuning.getPool()));
		}
		return declared;
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

	private static @Nullable NodeConnection connection(String key, String name, Declared replica,
			@Nullable NodeConnection primary, ConfigurationProblems problems) {
		String url = replica.url();
		if (!StringUtils.hasText(url)) {
			problems.add(key + ".url", null, "Replica '" + name + "' has no URL",
					"Set " + key + ".url to the replica's JDBC URL, such as jdbc:postgresql://replica-host:5432/app.");
			return null;
		}
		String problem = JdbcUrls.problem(url.trim());
		if (problem != null) {
			problems.add(key + ".url", JdbcUrls.mask(url),
					"Replica '" + name + "' does not have a PostgreSQL JDBC URL the driver can use: " + problem,
					JdbcUrls.holdsSeveralUrls(url) ? PrimaryConnectionResolver.giveOnce(key + ".url")
							: "Use a URL of the form jdbc:postgresql://replica-host:5432/app (several hosts: "
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
				StringUtils.hasText(replica.username()) ? replica.username()
						: (primary != null) ? primary.username() : null,
				StringUtils.hasText(replica.password()) ? replica.password()
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

	/**
	 * A replica as declared, by the properties or by connection details.
	 */
	private record Declared(String key, String defaultName, @Nullable String name, @Nullable String url,
			@Nullable String username, @Nullable String password, int weight, ChanukaDatabaseProperties.Pool pool) {

		@Override
		public String toString() {
			return "Declared[key=" + this.key + ", name=" + this.name + "]";
		}

	}

}
