package io.github.chanuka.database.sample;

import org.springframework.boot.SpringApplication;

/**
 * Runs the sample on an embedded PostgreSQL cluster (a primary and two streaming
 * replicas) for development: {@code ./mvnw -B -pl sample-app -am spring-boot:test-run}.
 * The cluster comes from {@link EmbeddedClusterInitializer}, on the test class path
 * only, so the application's jar carries no PostgreSQL binaries.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public final class TestSampleApplication {

	private TestSampleApplication() {
	}

	public static void main(String[] args) {
		SpringApplication.from(SampleApplication::main).run(args);
	}

}
