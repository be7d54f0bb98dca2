package io.github.chanuka.database.routing;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.chanuka.database.metrics.RoutingMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Causal read-your-writes: a writer never reads older than its own write, however late
 * the replicas replay, in its own thread and across requests by the cookie; everyone
 * else keeps reading the replicas.
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
	void replayOnTime() {
		cluster.replicas().forEach(PostgresNode::resumeReplay);
		cluster.replicas().forEach((replica) -> applyDelay(replica, "0"));
	}

	@Test
	void writerReadsItsWritesInTheSameThreadWhileReplicasApplyWalLate() throws Exception {
		ClusterContext.runner(cluster).withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.getBean(RoutingMetrics.class).bindTo(registry);
			cluster.replicas().forEach((replica) -> applyDelay(replica, "4s"));
			int stale = 0;
			for (int i = 0; i < 1000; i++) {
				long id = insert(context, "Bill " + i);
				if (find(context, id) == null) {
					stale++;
				}
			}
			assertThat(stale).as("reads that missed the thread's own write").isZero();
			long id = insert(context, "Unseen by others");
			ExecutorService other = Executors.newSingleThreadExecutor();
			try {
				Future<String> read = other.submit(() -> find(context, id));
				assertThat(read.get()).as("a thread that did not write reads a late replica").isNull();
			}
			finally {
				other.shutdown();
			}
			assertThat(replicaReads(registry, "read")).isPositive();
			assertThat(registry.get("chanuka.db.routing").tags("node", "primary", "reason", "read-your-writes")
				.counter()
				.count()).isGreaterThanOrEqualTo(1000);
		});
	}

	@Test
	void nextRequestsOfTheClientThatWroteSeeItsWritesAfterTheWindowTheyUsedToHave() {
		ClusterContext.webRunner(cluster).withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.getBean(RoutingMetrics.class).bindTo(registry);
			ReadYourWritesFilter filter = context.getBean(ReadYourWritesFilter.class);
			cluster.replicas().forEach((replica) -> applyDelay(replica, "4s"));
			List<Long> ids = new ArrayList<>();
			List<Cookie> cookies = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				AtomicReference<Long> created = new AtomicReference<>();
				MockHttpServletResponse response = ClusterContext.request(filter, new MockHttpServletRequest("POST", "/bills"),
						(res) -> created.set(insert(context, "Clean Air Act")));
				Cookie cookie = response.getCookie(ReadYourWritesFilter.COOKIE_NAME);
				assertThat(cookie).isNotNull();
				assertThat(cookie.isHttpOnly()).isTrue();
				ids.add(created.get());
				cookies.add(cookie);
			}
			long last = ids.get(ids.size() - 1);
			JdbcTemplate replica = new JdbcTemplate(cluster.replica(1).dataSource());
			// three seconds on, past the old 2 s window, the replicas still miss the writes
			await().pollDelay(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(4))
				.until(() -> replica.queryForObject("select count(*) from ryw_bills where id = ?", Long.class,
						last) == 0);
			double anonymousBefore = replicaReads(registry, "read");
			int stale = 0;
			for (int i = 0; i < ids.size(); i++) {
				MockHttpServletRequest show = new MockHttpServletRequest("GET", "/bills/" + ids.get(i));
				show.setCookies(cookies.get(i));
				AtomicReference<String> title = new AtomicReference<>();
				long id = ids.get(i);
				ClusterContext.request(filter, show, (res) -> title.set(find(context, id)));
				if (title.get() == null) {
					stale++;
				}
			}
			assertThat(stale).as("reads with the cookie that missed the client's write").isZero();
			ClusterContext.request(filter, new MockHttpServletRequest("GET", "/bills/" + last), (res) -> find(context, last));
			assertThat(replicaReads(registry, "read")).as("a client without the cookie reads a late replica")
				.isGreaterThan(anonymousBefore);
		});
	}

	@Test
	void writerReadsReplicasAgainOnceTheyReplayedItsWrite() {
		ClusterContext.runner(cluster).run((context) -> {
			cluster.replicas().forEach(PostgresNode::pauseReplay);
			insert(context, "Paused");
			assertThat(ClusterContext.readOnly(context, cluster)).isEqualTo("primary");
			cluster.replicas().forEach(PostgresNode::resumeReplay);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(ClusterContext.readOnly(context, cluster)).startsWith("replica-"));
		});
	}

	@Test
	void writesThroughTheDriversCopyApiAreReadByTheWriter() {
		ClusterContext.runner(cluster).run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			awaitReplicaReads(context);
			cluster.replicas().forEach(PostgresNode::pauseReplay);
			copy(jdbc, "Copied in autocommit");
			assertThat(findTitle(context, "Copied in autocommit")).isEqualTo("Copied in autocommit");
			context.getBean(RoutingContext.class).clear();
			transaction.executeWithoutResult((status) -> copy(jdbc, "Copied in a transaction"));
			assertThat(findTitle(context, "Copied in a transaction")).isEqualTo("Copied in a transaction");
		});
	}

	private static void awaitReplicaReads(ApplicationContext context) {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(ClusterContext.readOnly(context, cluster)).startsWith("replica-"));
		context.getBean(RoutingContext.class).clear();
	}

	private static void copy(JdbcTemplate jdbc, String title) {
		jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Long>) (connection) -> {
			try {
				return connection.unwrap(org.postgresql.PGConnection.class)
					.getCopyAPI()
					.copyIn("copy ryw_bills (title) from stdin", new java.io.StringReader(title + "\n"));
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
	}

	private static String findTitle(ApplicationContext context, String title) {
		TransactionTemplate readOnly = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		readOnly.setReadOnly(true);
		return readOnly.execute((status) -> context.getBean(JdbcTemplate.class)
			.query("select title from ryw_bills where title = ?", (rs) -> rs.next() ? rs.getString(1) : null,
					title));
	}

	@Test
	void forgedFarFutureCookieKeepsReadsOnThePrimaryOnlyUntilReplicasReachThePrimarysPosition() {
		ClusterContext.webRunner(cluster).run((context) -> {
			ReadYourWritesFilter filter = context.getBean(ReadYourWritesFilter.class);
			Cookie forged = new Cookie(ReadYourWritesFilter.COOKIE_NAME, "7fffffffffffffff");
			cluster.replicas().forEach(PostgresNode::pauseReplay);
			new JdbcTemplate(cluster.primary().dataSource()).update("insert into ryw_bills (title) values ('x')");
			assertThat(readNode(context, filter, forged)).isEqualTo("primary");
			cluster.replicas().forEach(PostgresNode::resumeReplay);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(readNode(context, filter, forged)).startsWith("replica-"));
		});
	}

	@Test
	void apiClientWithoutCookiesReadsItsWritesByEchoingTheHeader() {
		ClusterContext.webRunner(cluster).withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.getBean(RoutingMetrics.class).bindTo(registry);
			ReadYourWritesFilter filter = context.getBean(ReadYourWritesFilter.class);
			awaitReplicaRead(context, filter);
			cluster.replicas().forEach(PostgresNode::pauseReplay);
			AtomicReference<Long> created = new AtomicReference<>();
			MockHttpServletResponse response = ClusterContext.request(filter, new MockHttpServletRequest("POST", "/bills"), (res) -> {
				created.set(insert(context, "Header Bill"));
				writeBody(res);
			});
			assertThat(response.getHeaders(ReadYourWritesFilter.HEADER_NAME)).hasSize(1);
			String token = response.getHeader(ReadYourWritesFilter.HEADER_NAME);
			assertThat(token).isEqualTo(response.getCookie(ReadYourWritesFilter.COOKIE_NAME).getValue());
			double readYourWritesBefore = primaryReads(registry, "read-your-writes");
			MockHttpServletRequest show = new MockHttpServletRequest("GET", "/bills/" + created.get());
			show.addHeader(ReadYourWritesFilter.HEADER_NAME, token);
			AtomicReference<String> title = new AtomicReference<>();
			MockHttpServletResponse read = ClusterContext.request(filter, show, (res) -> title.set(find(context, created.get())));
			assertThat(title.get()).as("read with only the header, replicas paused").isEqualTo("Header Bill");
			assertThat(primaryReads(registry, "read-your-writes")).isGreaterThan(readYourWritesBefore);
			assertThat(token).as("no read after the write: its position was never read").isEqualTo("wrote");
			String position = read.getHeader(ReadYourWritesFilter.HEADER_NAME);
			assertThat(position).as("the read resolved it").isNotEqualTo(token).matches("[0-9a-f]+");
			MockHttpServletRequest again = new MockHttpServletRequest("GET", "/bills/" + created.get());
			again.addHeader(ReadYourWritesFilter.HEADER_NAME, position);
			MockHttpServletResponse readAgain = ClusterContext.request(filter, again,
					(res) -> title.set(find(context, created.get())));
			assertThat(title.get()).isEqualTo("Header Bill");
			assertThat(readAgain.getHeaders(ReadYourWritesFilter.HEADER_NAME)).as("a request that only reads")
				.isEmpty();
			assertThat(readNode(context, filter, new MockHttpServletRequest("GET", "/bills")))
				.as("a client without the header reads a paused replica")
				.startsWith("replica-");
		});
	}

	@Test
	void laterOfCookieAndHeaderCounts() {
		ClusterContext.webRunner(cluster).run((context) -> {
			ReadYourWritesFilter filter = context.getBean(ReadYourWritesFilter.class);
			awaitReplicaRead(context, filter);
			String replayed = ClusterContext.request(filter, new MockHttpServletRequest("POST", "/bills"),
					(res) -> find(context, insert(context, "Old"))).getHeader(ReadYourWritesFilter.HEADER_NAME);
			cluster.awaitReplicated(Duration.ofSeconds(10));
			cluster.replicas().forEach(PostgresNode::pauseReplay);
			String unreplayed = ClusterContext.request(filter, new MockHttpServletRequest("POST", "/bills"),
					(res) -> find(context, insert(context, "New"))).getHeader(ReadYourWritesFilter.HEADER_NAME);
			MockHttpServletRequest newerHeader = new MockHttpServletRequest("GET", "/bills");
			newerHeader.setCookies(new Cookie(ReadYourWritesFilter.COOKIE_NAME, replayed));
			newerHeader.addHeader(ReadYourWritesFilter.HEADER_NAME, unreplayed);
			assertThat(readNode(context, filter, newerHeader)).isEqualTo("primary");
			MockHttpServletRequest newerCookie = new MockHttpServletRequest("GET", "/bills");
			newerCookie.setCookies(new Cookie(ReadYourWritesFilter.COOKIE_NAME, unreplayed));
			newerCookie.addHeader(ReadYourWritesFilter.HEADER_NAME, replayed);
			assertThat(readNode(context, filter, newerCookie)).isEqualTo("primary");
			MockHttpServletRequest old = new MockHttpServletRequest("GET", "/bills");
			old.addHeader(ReadYourWritesFilter.HEADER_NAME, replayed);
			// the node monitor's next probe sees the position the replicas replayed before the pause
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(readNode(context, filter, old)).as("a position the replicas replayed")
					.startsWith("replica-"));
		});
	}

	@Test
	void forgedFarFutureHeaderIsClampedAsTheCookieIs() {
		ClusterContext.webRunner(cluster).run((context) -> {
			ReadYourWritesFilter filter = context.getBean(ReadYourWritesFilter.class);
			cluster.replicas().forEach(PostgresNode::pauseReplay);
			new JdbcTemplate(cluster.primary().dataSource()).update("insert into ryw_bills (title) values ('x')");
			assertThat(readNode(context, filter, forgedHeader())).isEqualTo("primary");
			cluster.replicas().forEach(PostgresNode::resumeReplay);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(readNode(context, filter, forgedHeader())).startsWith("replica-"));
		});
	}

	@Test
	void requestThatCommitsManyTimesGetsOneCookieBeforeItsBodyIsWritten() {
		ClusterContext.webRunner(cluster).run((context) -> {
			ReadYourWritesFilter filter = context.getBean(ReadYourWritesFilter.class);
			MockHttpServletResponse response = ClusterContext.request(filter, new MockHttpServletRequest("POST", "/bills"), (res) -> {
				for (int i = 0; i < 70; i++) {
					insert(context, "Amendment " + i);
				}
				writeBody(res);
			});
			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(response.getHeaders("Set-Cookie")).hasSize(1)
				.first()
				.asString()
				.startsWith(ReadYourWritesFilter.COOKIE_NAME + "=");
			assertThat(response.getHeaders(ReadYourWritesFilter.HEADER_NAME)).hasSize(1);
			MockHttpServletResponse read = ClusterContext.request(filter, new MockHttpServletRequest("GET", "/bills"),
					(res) -> find(context, 1L));
			assertThat(read.getHeaders("Set-Cookie")).as("a request that only reads").isEmpty();
		});
	}

	@Test
	void noCookieWithoutReplicas() {
		ClusterContext.webRunnerWithoutReplicas(cluster).run((context) -> {
			ReadYourWritesFilter filter = context.getBean(ReadYourWritesFilter.class);
			MockHttpServletResponse response = ClusterContext.request(filter, new MockHttpServletRequest("POST", "/bills"),
					(res) -> insert(context, "Solo"));
			assertThat(response.getHeaders("Set-Cookie")).isEmpty();
			assertThat(response.getHeaders(ReadYourWritesFilter.HEADER_NAME)).isEmpty();
		});
	}

	@Test
	void noCookieWithReadYourWritesOff() {
		ClusterContext.webRunner(cluster).withPropertyValues("chanuka.database.routing.read-your-writes=off")
			.run((context) -> {
				ReadYourWritesFilter filter = context.getBean(ReadYourWritesFilter.class);
				MockHttpServletResponse response = ClusterContext.request(filter, new MockHttpServletRequest("POST", "/bills"),
						(res) -> insert(context, "Unread"));
				assertThat(response.getHeaders("Set-Cookie")).isEmpty();
				assertThat(response.getHeaders(ReadYourWritesFilter.HEADER_NAME)).isEmpty();
			});
	}

	private static String readNode(ApplicationContext context, ReadYourWritesFilter filter, Cookie cookie)
			throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/bills");
		request.setCookies(cookie);
		return readNode(context, filter, request);
	}

	private static MockHttpServletRequest forgedHeader() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/bills");
		request.addHeader(ReadYourWritesFilter.HEADER_NAME, "7fffffffffffffff");
		return request;
	}

	private static void awaitReplicaRead(ApplicationContext context, ReadYourWritesFilter filter) {
		// the replicas are usable once the node monitor's first probe saw them
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(readNode(context, filter, new MockHttpServletRequest("GET", "/bills")))
				.startsWith("replica-"));
	}

	private static String readNode(ApplicationContext context, ReadYourWritesFilter filter,
			MockHttpServletRequest request) throws Exception {
		AtomicReference<String> node = new AtomicReference<>();
		ClusterContext.request(filter, request, (res) -> node.set(ClusterContext.readOnly(context, cluster)));
		return node.get();
	}

	private static double replicaReads(MeterRegistry registry, String reason) {
		return registry.find("chanuka.db.routing")
			.tags("role", "replica", "reason", reason)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private static double primaryReads(MeterRegistry registry, String reason) {
		return registry.find("chanuka.db.routing")
			.tags("node", "primary", "reason", reason)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private static void applyDelay(PostgresNode replica, String delay) {
		JdbcTemplate jdbc = new JdbcTemplate(replica.dataSource());
		jdbc.execute("alter system set recovery_min_apply_delay = '" + delay + "'");
		jdbc.execute("select pg_reload_conf()");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> {
				String current = jdbc.queryForObject("show recovery_min_apply_delay", String.class);
				return current.equals(delay.equals("0") ? "0" : delay);
			});
	}

	private static void writeBody(HttpServletResponse response) {
		try {
			response.getWriter().write("ok");
			response.flushBuffer();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
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
