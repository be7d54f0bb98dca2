package io.github.chanuka.database.autoconfigure;

import io.github.chanuka.database.health.DatabaseHealthIndicator;
import io.github.chanuka.database.node.ConnectionGuard;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.node.ReplicaEligibility;
import io.github.chanuka.database.ops.DatabaseEndpoint;
import io.github.chanuka.database.ops.DatabaseStatusService;
import io.github.chanuka.database.ops.schema.IndexAdvisor;
import io.github.chanuka.database.ops.schema.SchemaValidator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator integrations: the {@code chanukaDatabase} health component and the
 * sanitizing of credentials in {@code /actuator/env} and {@code /actuator/configprops}.
 *
 * @author Chanuka Database
 */
@Configuration(proxyBeanMethods = false)
class DatabaseActuatorConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class SanitizingConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "chanukaCredentialSanitizingFunction")
		CredentialSanitizingFunction chanukaCredentialSanitizingFunction() {
			return new CredentialSanitizingFunction();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		DatabaseEndpoint chanukaDatabaseEndpoint(DatabaseStatusService status,
				ObjectProvider<IndexAdvisor> indexAdvisor, ObjectProvider<SchemaValidator> schemaValidator) {
			return new DatabaseEndpoint(status, indexAdvisor, schemaValidator);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	@ConditionalOnEnabledHealthIndicator("chanukaDatabase")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "chanukaDatabaseHealthIndicator")
		DatabaseHealthIndicator chanukaDatabaseHealthIndicator(DatabaseTopology topology,
				ReplicaEligibility eligibility, ChanukaDatabaseProperties properties,
				ObjectProvider<ConnectionGuard> guard) {
			return new DatabaseHealthIndicator(topology, eligibility, properties.getRouting().isFallbackToPrimary(),
					guard.getIfAvailable(() -> ConnectionGuard.NONE));
		}

	}

}
