package io.github.chanuka.database.autoconfigure;

import io.github.chanuka.database.health.DatabaseHealthIndicator;
import io.github.chanuka.database.node.ConnectionGuard;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.node.ReplicaEligibility;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code chanukaDatabase} health component: every node's
 * state under {@code details.nodes}, served from the node monitor's cached state.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@AutoConfiguration(after = { ChanukaDataSourceAutoConfiguration.class, ChanukaResilienceAutoConfiguration.class })
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(DatabaseTopology.class)
public final class ChanukaHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "chanukaDatabaseHealthIndicator")
	@ConditionalOnEnabledHealthIndicator("chanuka-database")
	DatabaseHealthIndicator chanukaDatabaseHealthIndicator(DatabaseTopology topology, ReplicaEligibility eligibility,
			ChanukaDatabaseProperties properties, ObjectProvider<ConnectionGuard> guard) {
		return new DatabaseHealthIndicator(topology, eligibility, properties.getRouting().isFallbackToPrimary(),
				guard.getIfAvailable(() -> ConnectionGuard.NONE));
	}

}
