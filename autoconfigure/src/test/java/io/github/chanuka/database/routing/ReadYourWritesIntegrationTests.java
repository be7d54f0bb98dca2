package io.github.chanuka.database.routing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Create, then show in the next request: the show sees the create although no replica
 * has replayed it, because the create's response carried the read-your-writes cookie.
 */
@EmbeddedCluster(replicas = 2, faults = true)
class ReadYourWritesIntegrationTests {

	private static PostgresCluster cluster;

	@BeforeAll
	static void useCluster(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
		new JdbcTemplate(cluster.primary().dataSource())
			.execute("create table if not exists ryw_bills (id bigserial primary key, title text not null)");
		cluster.awaitReplicated(Duration.ofSeconds(10));
	}

	@AfterEach
	void resumeReplay() {
		cluster.replicas().forEach(PostgresNode::resumeReplay);
	}

	@Test
	void nextRequestOfTheClientThatWroteReadsItsWriteFromThePrimary() {
		ClusterContext.webRunner(cluster).withPropertyValues("chanuka.database.routing.read-your-writes=30s")
			.run((context) -> {
				cluster.replicas().forEach(PostgresNode::pauseReplay);
				ReadYourWritesFilter filter = context.getBean(ReadYourWritesFilter.class);
				AtomicReference<Long> created = new AtomicReference<>();
				MockHttpServletResponse createResponse = request(filter, new MockHttpServletRequest("POST", "/bills"),
						() -> created.set(insert(context, "Clean Air Act")));
				Cookie cookie = createResponse.getCookie(ReadYourWritesFilter.COOKIE_NAME);
				assertThat(cookie).isNotNull();
				assertThat(cookie.isHttpOnly()).isTrue();

				MockHttpServletRequest show = new MockHttpServletRequest("GET", "/bills/" + created.get());
				show.setCookies(cookie);
				AtomicReference<String> title = new AtomicReference<>();
				request(filter, show, () -> title.set(find(context, created.get())));
				assertThat(title.get()).isEqualTo("Clean Air Act");

				AtomicReference<String> anonymous = new AtomicReference<>();
				request(filter, new MockHttpServletRequest("GET", "/bills/" + created.get()),
						() -> anonymous.set(find(context, created.get())));
				assertThat(anonymous.get()).as("a client without the cookie reads a lagging replica").isNull();
			});
	}

	@Test
	void readsLaterInTheSameRequestSeeTheWrite() {
		ClusterContext.webRunner(cluster).run((context) -> {
			cluster.replicas().forEach(PostgresNode::pauseReplay);
			ReadYourWritesFilter filter = context.getBean(ReadYourWritesFilter.class);
			AtomicReference<String> title = new AtomicReference<>();
			request(filter, new MockHttpServletRequest("POST", "/bills"),
					() -> title.set(find(context, insert(context, "Housing Act"))));
			assertThat(title.get()).isEqualTo("Housing Act");
			assertThat(context.getBean(RoutingContext.class).isReadingOwnWrites())
				.as("hints forgotten when the request ends")
				.isFalse();
		});
	}

	private static MockHttpServletResponse request(ReadYourWritesFilter filter, MockHttpServletRequest request,
			Runnable handler) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, (req, res) -> {
			RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request, response));
			try {
				handler.run();
			}
			finally {
				RequestContextHolder.resetRequestAttributes();
			}
		});
		return response;
	}

	private static Long insert(ApplicationContext context, String title) {
		return new TransactionTemplate(context.getBean(PlatformTransactionManager.class))
			.execute((status) -> context.getBean(JdbcTemplate.class)
				.queryForObject("insert into ryw_bills (title) values (?) returning id", Long.class, title));
	}

	private static String find(ApplicationContext context, Long id) {
		TransactionTemplate readOnly = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		readOnly.setReadOnly(true);
		return readOnly.execute((status) -> context.getBean(JdbcTemplate.class)
			.query("select title from ryw_bills where id = ?", (rs) -> rs.next() ? rs.getString(1) : null, id));
	}

}
