package io.github.chanuka.database.sample;

import io.github.chanuka.database.embedded.EmbeddedPostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link EmbeddedClusterInitializer} on a plain context: it steps aside when a database
 * is configured, and the cluster it starts does not outlive the context.
 */
class EmbeddedClusterInitializerTests {

	@ParameterizedTest
	@ValueSource(strings = { "chanuka.database.url", "spring.datasource.url", "DATABASE_URL", "DB_HOST" })
	void noClusterStartsWhenADatabaseIsConfigured(String key) {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.setEnvironment(new MockEnvironment().withProperty(key, "db.example.com"));
			new EmbeddedClusterInitializer().initialize(context);
			assertThat(context.getBeanFactory().containsSingleton(EmbeddedClusterInitializer.BEAN_NAME)).isFalse();
			assertThat(context.getEnvironment().getPropertySources())
				.noneMatch((source) -> source.getName().equals(EmbeddedClusterInitializer.PROPERTY_SOURCE_NAME));
		}
	}

	@Test
	void clusterStopsWhenTheContextFailsToStart() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.setEnvironment(new MockEnvironment());
		new EmbeddedClusterInitializer().initialize(context);
		try (EmbeddedPostgresCluster cluster = (EmbeddedPostgresCluster) context.getBeanFactory()
			.getSingleton(EmbeddedClusterInitializer.BEAN_NAME)) {
			assertThat(context.getEnvironment().getProperty("chanuka.database.url"))
				.isEqualTo(cluster.primary().jdbcUrl());
			assertThat(cluster.nodes()).allMatch(PostgresNode::isRunning);
			context.registerBean("broken", String.class, () -> {
				throw new IllegalStateException("broken on purpose");
			});
			assertThatExceptionOfType(BeanCreationException.class).isThrownBy(context::refresh);
			assertThat(cluster.nodes()).noneMatch(PostgresNode::isRunning);
			assertThat(cluster.directory()).doesNotExist();
		}
	}

}
