package io.github.chanuka.database.embedded;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@EmbeddedCluster(replicas = 0)
class ClusterInjectionTests {

	@ClusterResource
	static PostgresCluster staticField;

	private static PostgresCluster beforeAllParameter;

	@ClusterResource
	PostgresCluster instanceField;

	private final PostgresCluster constructorParameter;

	ClusterInjectionTests(PostgresCluster constructorParameter) {
		this.constructorParameter = constructorParameter;
	}

	@BeforeAll
	static void rememberCluster(PostgresCluster cluster) {
		assertThat(staticField).as("static field set before @BeforeAll").isSameAs(cluster);
		beforeAllParameter = cluster;
	}

	@Test
	void everyInjectionPointGetsTheSameEmbeddedCluster(PostgresCluster methodParameter) {
		assertThat(methodParameter).isInstanceOf(EmbeddedPostgresCluster.class)
			.isSameAs(staticField)
			.isSameAs(this.instanceField)
			.isSameAs(this.constructorParameter)
			.isSameAs(beforeAllParameter);
		assertThat(methodParameter.replicas()).isEmpty();
		assertThat(methodParameter.supportsFaults()).isTrue();
		assertThat(methodParameter.primary().isRunning()).isTrue();
	}

	@Nested
	class WhenNested {

		@ClusterResource
		PostgresCluster nestedField;

		@Test
		void nestedClassesShareTheEnclosingCluster(PostgresCluster parameter) {
			assertThat(parameter).isSameAs(staticField).isSameAs(this.nestedField);
		}

	}

}
