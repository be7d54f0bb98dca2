package io.github.chanuka.database.test;

import java.util.Map;
import java.util.Objects;

import io.github.chanuka.database.embedded.EmbeddedPostgresCluster;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportAware;
import org.springframework.core.type.AnnotationMetadata;

/**
 * The cluster and its connection details, imported by {@link ImportEmbeddedCluster}.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddedClusterConfiguration implements ImportAware {

	/**
	 * Name of the cluster bean.
	 */
	public static final String CLUSTER_BEAN = "chanukaEmbeddedCluster";

	private int replicas = 2;

	@Override
	public void setImportMetadata(AnnotationMetadata metadata) {
		Map<String, Object> attributes = Objects.requireNonNull(
				metadata.getAnnotationAttributes(ImportEmbeddedCluster.class.getName()),
				"imported by @ImportEmbeddedCluster");
		this.replicas = (int) attributes.get("replicas");
	}

	@Bean(name = CLUSTER_BEAN, destroyMethod = "close")
	EmbeddedPostgresCluster chanukaEmbeddedCluster() {
		return EmbeddedPostgresCluster.builder().replicas(this.replicas).ssl(false).start();
	}

	@Bean
	EmbeddedClusterConnectionDetails chanukaEmbeddedClusterConnectionDetails(EmbeddedPostgresCluster cluster) {
		return new EmbeddedClusterConnectionDetails(cluster);
	}

}
