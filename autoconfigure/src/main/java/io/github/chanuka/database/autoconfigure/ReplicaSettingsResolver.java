package io.github.chanuka.database.autoconfigure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import io.github.chanuka.database.pool.JdbcUrls;
import io.github.chanuka.database.pool.NodeConnection;
import io.github.chanuka.database.pool.ReplicaSettings;
import io.github.chanuka.database.pool.TlsSettings;

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
		List<ReplicaSettings> replicas = new ArrayList<>();
		Set<String> names = new HashSet<>();
		List<ChanukaDatabaseProperties.Replica> configured = properties.getReplicas();
		for (int i = 0; i < configured.size(); i++) {
			ChanukaDatabaseProperties.Replica replica = configured.get(i);
			String key = "chanuka.database.replicas[" + i + "]";
			String name = StringUtils.hasText(replica.getName()) ? replica.getName().trim() : "replica-" + (i + 1);
			checkName(key, name, names);
			NodeConnection connection = connection(key, name, replica, primary);
			TlsSettingsResolver.checkReplica(key + ".url", name, connection, properties.getSsl(), environment, tls);
			if (replica.getWeight() < 1) {
				throw new InvalidDatabaseConfigurationException(key + ".weight", String.valueOf(replica.getWeight()),
						"A replica's weight must be at least 1",
						"Set " + key + ".weight to 1 or more; remove the replica to stop sending it reads.");
			}
			ChanukaDatabaseProperties.Pool pool = merge(properties.getPool(), replica.getPool());
			replicas.add(new ReplicaSettings(name, connection,
					PoolSettingsResolver.resolve(key + ".pool", pool, environment).withFailFast(false),
					replica.getWeight()));
		}
		return replicas;
	}

	private static void checkName(String key, String name, Set<String> names) {
		if (!NAME.matcher(name).matches() || name.equals("primary")) {
			throw new InvalidDatabaseConfigurationException(key + ".name", name,
					"A replica name must be lower-case letters, digits and dashes, and not 'primary'",
					"Rename the replica, for example " + key + ".name=replica-eu-1.");
		}
		if (!names.add(name)) {
			throw new InvalidDatabaseConfigurationException(key + ".name", name,
					"Two replicas are named '" + name + "'",
					"Give every replica its own name under chanuka.database.replicas[*].name.");
		}
	}

	private static NodeConnection connection(String key, String name, ChanukaDatabaseProperties.Replica replica,
			NodeConnection primary) {
		String url = replica.getUrl();
		if (!StringUtils.hasText(url)) {
			throw new InvalidDatabaseConfigurationException(key + ".url", null,
					"Replica '" + name + "' has no URL",
					"Set " + key + ".url to the replica's JDBC URL, such as jdbc:postgresql://replica-host:5432/app.");
		}
		if (!JdbcUrls.isPostgres(url.trim())) {
			throw new InvalidDatabaseConfigurationException(key + ".url", JdbcUrls.mask(url),
					"Replica '" + name + "' does not have a PostgreSQL JDBC URL",
					"Use a URL of the form jdbc:postgresql://replica-host:5432/app.");
		}
		if (url.trim().equalsIgnoreCase(primary.jdbcUrl())) {
			throw new InvalidDatabaseConfigurationException(key + ".url", JdbcUrls.mask(url),
					"Replica '" + name + "' has the primary's URL, so its reads would not leave the primary",
					"Point " + key + ".url at a streaming replica, or remove the replica.");
		}
		return new NodeConnection(url.trim(),
				StringUtils.hasText(replica.getUsername()) ? replica.getUsername() : primary.username(),
				StringUtils.hasText(replica.getPassword()) ? replica.getPassword() : primary.password(), key + ".url");
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
