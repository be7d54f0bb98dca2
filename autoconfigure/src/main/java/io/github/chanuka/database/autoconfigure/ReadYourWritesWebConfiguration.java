package io.github.chanuka.database.autoconfigure;

import io.github.chanuka.database.routing.ReadYourWritesFilter;
import io.github.chanuka.database.routing.RoutingContext;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Servlet integration: the read-your-writes cookie that keeps a client's reads on the
 * primary right after it wrote.
 *
 * @author Chanuka Database
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OncePerRequestFilter.class)
class ReadYourWritesWebConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReadYourWritesFilter chanukaReadYourWritesFilter(RoutingContext routingContext) {
		return new ReadYourWritesFilter(routingContext);
	}

}
