package io.github.chanuka.database.embedded;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a test class asks of its cluster.
 *
 * @param replicas the number of replicas
 * @param ssl whether SSL is needed
 * @param faults whether fault control is needed
 * @param settings extra server settings as {@code name=value}
 * @param matchClientTools whether the server must be of the major version of the
 * {@code pg_dump} on the PATH
 */
record ClusterRequest(int replicas, boolean ssl, boolean faults, List<String> settings, boolean matchClientTools) {

	ClusterRequest(int replicas, boolean ssl, boolean faults, List<String> settings) {
		this(replicas, ssl, faults, settings, false);
	}

	static ClusterRequest of(EmbeddedCluster annotation) {
		return new ClusterRequest(annotation.replicas(), annotation.ssl(), annotation.faults(),
				List.of(annotation.settings()), annotation.matchClientTools());
	}

	static ClusterRequest defaults() {
		return new ClusterRequest(1, false, false, List.of(), false);
	}

	Map<String, String> settingsMap() {
		Map<String, String> map = new LinkedHashMap<>();
		for (String setting : this.settings) {
			int equals = setting.indexOf('=');
			if (equals <= 0) {
				throw new IllegalArgumentException(
						"@EmbeddedCluster setting '" + setting + "' must look like name=value");
			}
			map.put(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
		}
		return map;
	}

}
