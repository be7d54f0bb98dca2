package io.github.chanuka.database.embedded;

import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The kinds of cluster a test can run against, and which one the environment selects.
 */
enum ClusterBackend {

	/**
	 * {@link EmbeddedPostgresCluster}: replicas, SSL and faults.
	 */
	EMBEDDED(null),

	/**
	 * {@link ExternalPostgresCluster}: a primary only.
	 */
	EXTERNAL("an external server (" + ExternalPostgresCluster.URL_VARIABLE + ")"),

	/**
	 * {@link ContainerPostgresCluster}: a primary only.
	 */
	TESTCONTAINERS("a Testcontainers container (" + ClusterBackend.BACKEND_PROPERTY + "=testcontainers)");

	static final String BACKEND_PROPERTY = "chanuka.test.backend";

	static final String BACKEND_VARIABLE = "CHANUKA_TEST_BACKEND";

	private final String primaryOnlyDescription;

	ClusterBackend(String primaryOnlyDescription) {
		this.primaryOnlyDescription = primaryOnlyDescription;
	}

	/**
	 * Select the backend: an external server when {@value ExternalPostgresCluster#URL_VARIABLE}
	 * is set, else the one {@value #BACKEND_PROPERTY} names, else the embedded cluster.
	 * @param environment looks a name up as a system property, then as an environment variable
	 * @return the backend
	 */
	static ClusterBackend select(UnaryOperator<String> environment) {
		if (hasText(environment.apply(ExternalPostgresCluster.URL_VARIABLE))) {
			return EXTERNAL;
		}
		String backend = environment.apply(BACKEND_PROPERTY);
		if (!hasText(backend)) {
			backend = environment.apply(BACKEND_VARIABLE);
		}
		if (!hasText(backend)) {
			return EMBEDDED;
		}
		switch (backend.trim().toLowerCase(Locale.ROOT)) {
			case "embedded":
				return EMBEDDED;
			case "testcontainers":
				return TESTCONTAINERS;
			default:
				throw new IllegalArgumentException(
						BACKEND_PROPERTY + " is '" + backend + "'; use 'embedded' or 'testcontainers'");
		}
	}

	/**
	 * Look names up as system properties, then as environment variables.
	 * @return the lookup of this JVM
	 */
	static UnaryOperator<String> systemEnvironment() {
		return (name) -> Optional.ofNullable(System.getProperty(name)).orElseGet(() -> System.getenv(name));
	}

	/**
	 * Say what of a request this backend cannot give.
	 * @param request the request
	 * @return why a test class asking for it must be skipped, or empty
	 */
	Optional<String> unmetRequirement(ClusterRequest request) {
		if (this.primaryOnlyDescription == null) {
			return request.matchClientTools() ? ClientToolsServer.find().problem() : Optional.empty();
		}
		if (request.replicas() > 0) {
			return Optional.of("needs " + request.replicas() + " replica(s), but the tests run against "
					+ this.primaryOnlyDescription + ", which is a primary only; unset it to use the embedded cluster");
		}
		if (request.faults()) {
			return Optional.of("stops, pauses or promotes nodes, but the tests run against "
					+ this.primaryOnlyDescription + ", which has no fault control; unset it to use the embedded cluster");
		}
		if (request.ssl()) {
			return Optional.of("needs the embedded cluster's SSL certificates, but the tests run against "
					+ this.primaryOnlyDescription + "; unset it to use the embedded cluster");
		}
		return Optional.empty();
	}

	/**
	 * Start a cluster of this backend.
	 * @param request what the test class asks for
	 * @param environment the lookup of system properties and environment variables
	 * @return the cluster
	 */
	PostgresCluster start(ClusterRequest request, UnaryOperator<String> environment) {
		switch (this) {
			case EXTERNAL:
				return ExternalPostgresCluster.of(environment.apply(ExternalPostgresCluster.URL_VARIABLE));
			case TESTCONTAINERS:
				return ContainerPostgresCluster.start();
			default:
				EmbeddedPostgresCluster.Builder builder = EmbeddedPostgresCluster.builder()
					.replicas(request.replicas())
					.ssl(request.ssl());
				if (request.matchClientTools()) {
					ClientToolsServer.find().binaries().ifPresent(builder::binaries);
				}
				request.settingsMap().forEach(builder::setting);
				return builder.start();
		}
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
