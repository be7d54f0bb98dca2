package io.github.chanuka.database.autoconfigure;

import io.github.chanuka.database.ops.DatabaseEndpoint;
import io.github.chanuka.database.ops.DatabaseStatusService;
import io.github.chanuka.database.ops.schema.IndexAdvisor;
import io.github.chanuka.database.ops.schema.ValidationReports;
import io.github.chanuka.database.ops.session.SessionInspector;
import io.github.chanuka.database.ops.statements.StatementStatistics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the Actuator integrations: the {@code database} endpoint, and
 * the masking of credentials in {@code /actuator/env} and {@code /actuator/configprops}.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@AutoConfiguration(after = { ChanukaDataSourceAutoConfiguration.class, ChanukaOperationsAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
public final class ChanukaDatabaseEndpointAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	@ConditionalOnBean(ChanukaDatabaseProperties.class)
	static class SanitizingConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "chanukaCredentialSanitizingFunction")
		CredentialSanitizingFunction chanukaCredentialSanitizingFunction() {
			return new CredentialSanitizingFunction();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
	@ConditionalOnBean(DatabaseStatusService.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		DatabaseEndpoint chanukaDatabaseEndpoint(DatabaseStatusService status,
				ObjectProvider<IndexAdvisor> indexAdvisor, ObjectProvider<ValidationReports> validationReports,
				ObjectProvider<SessionInspector> sessionInspector,
				ObjectProvider<StatementStatistics> statementStatistics) {
			return new DatabaseEndpoint(status, indexAdvisor, validationReports, sessionInspector,
					statementStatistics);
		}

	}

}
