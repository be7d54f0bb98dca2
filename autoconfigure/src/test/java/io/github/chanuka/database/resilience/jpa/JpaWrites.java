package io.github.chanuka.database.resilience.jpa;

import io.github.chanuka.database.resilience.DatabaseOperation;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saves through Spring Data JPA under the {@code JpaTransactionManager}.
 */
public class JpaWrites {

	private final SafeWriteRepository repository;

	public JpaWrites(SafeWriteRepository repository) {
		this.repository = repository;
	}

	@DatabaseOperation("jpa-save")
	@Transactional
	public void save(String key) {
		this.repository.save(new SafeWrite(key));
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage
	public static class JpaPackage {

	}

}
