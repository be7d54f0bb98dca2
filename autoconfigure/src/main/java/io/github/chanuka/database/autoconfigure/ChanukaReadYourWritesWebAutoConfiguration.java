package io.github.chanuka.database.autoconfigure;

import java.time.Duration;

import io.github.chanuka.database.routing.ReadYourWritesFilter;
import io.github.chanuka.database.routing.RoutingContext;
import jakarta.servlet.Filter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Auto-configuration of the servlet filter whose cookie and header carry a client's
 * read-your-writes position to its next request.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@AutoConfiguration(after = ChanukaDataSourceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ Filter.class, OncePerRequestFilter.class })
@ConditionalOnBean(RoutingContext.class)
public final class ChanukaReadYourWritesWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReadYourWritesFilter chanukaReadYourWritesFilter(RoutingContext routingContext,
			ChanukaDatabaseProperties properties) {
		// a position older than what any usable replica has replayed changes nothing, so a long life costs nothing
		return new ReadYourWritesFilter(routingContext,
				properties.getRouting().getMaxReplicationLag().plus(Duration.ofMinutes(1)));
	}

}
