package io.github.chanuka.database.routing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.node.DatabaseTopology;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of an application share a cluster; a client writes through one, the
 * primary stops, and the client's reads through the other find its write on the replica
 * that replayed it without waiting on the primary, whether its token holds a position or
 * says the position was never read.
 */
@EmbeddedCluster(replicas = 1, faults = true)
class ReadYourWritesPrimaryDownIntegrationTests {

	@Test
	void aClientsReadsThroughAnotherInstanceDoNotWaitOnAPrimaryThatIsDown(PostgresCluster cluster) {
		new JdbcTemplate(cluster.primary().dataSource())
			.execute("create table if not exists down_bills (id bigserial primary key, title text not null)");
		ClusterContext.webRunner(cluster)
			.withPropertyValues("chanuka.database.pool.connection-timeout=3s")
			.run((first) -> ClusterContext.webRunner(cluster)
				.withPropertyValues("chanuka.database.pool.connection-timeout=3s")
				.run((second) -> {
					ReadYourWritesFilter firstFilter = first.getBean(ReadYourWritesFilter.class);
					ReadYourWritesFilter secondFilter = second.getBean(ReadYourWritesFilter.class);
					AtomicReference<Long> read = new AtomicReference<>();
					AtomicReference<Long> unread = new AtomicReference<>();
					MockHttpServletRequest write = new MockHttpServletRequest("POST", "/bills");
					String resolved = ClusterContext.request(firstFilter, write, (res) -> {
						read.set(insert(first, "Read back"));
						find(first, read.get());
					}).getHeader(ReadYourWritesFilter.HEADER_NAME);
					String unresolved = ClusterContext.request(firstFilter, new MockHttpServletRequest("POST", "/bills"),
							(res) -> unread.set(insert(first, "Never read")))
						.getHeader(ReadYourWritesFilter.HEADER_NAME);
					assertThat(resolved).isNotEqualTo(RoutingContext.UNRESOLVED_TOKEN);
					assertThat(unresolved).isEqualTo(RoutingContext.UNRESOLVED_TOKEN);
					cluster.awaitReplicated(Duration.ofSeconds(10));
					cluster.primary().stop();
					try {
						DatabaseTopology topology = second.getBean(DatabaseTopology.class);
						await().atMost(Duration.ofSeconds(15))
							.until(() -> topology.primary().state().isDown()
									&& !topology.replicas().get(0).state().isDown());
						for (int i = 0; i < 10; i++) {
							assertReadWithoutWaiting(second, secondFilter, resolved, read.get(), "Read back");
							assertReadWithoutWaiting(second, secondFilter, unresolved, unread.get(), "Never read");
						}
					}
					finally {
						cluster.primary().start();
					}
				}));
	}

	private static void assertReadWithoutWaiting(ApplicationContext context, ReadYourWritesFilter filter,
			String token, Long id, String title) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/bills/" + id);
		request.addHeader(ReadYourWritesFilter.HEADER_NAME, token);
		AtomicReference<String> found = new AtomicReference<>();
		long start = System.nanoTime();
		ClusterContext.request(filter, request, (res) -> found.set(find(context, id)));
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(found.get()).isEqualTo(title);
		// the primary's connection timeout is 3 s: a read that asked the primary would wait it out
		assertThat(took).as("a read with token " + token).isLessThan(Duration.ofSeconds(1));
	}

	private static Long insert(ApplicationContext context, String title) {
		return new TransactionTemplate(context.getBean(PlatformTransactionManager.class))
			.execute((status) -> context.getBean(JdbcTemplate.class)
				.queryForObject("insert into down_bills (title) values (?) returning id", Long.class, title));
	}

	private static String find(ApplicationContext context, Long id) {
		TransactionTemplate readOnly = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		readOnly.setReadOnly(true);
		return readOnly.execute((status) -> context.getBean(JdbcTemplate.class)
			.query("select title from down_bills where id = ?", (rs) -> rs.next() ? rs.getString(1) : null, id));
	}

}
