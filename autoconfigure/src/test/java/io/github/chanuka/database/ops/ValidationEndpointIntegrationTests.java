package io.github.chanuka.database.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.chanuka.database.autoconfigure.ChanukaDataSourceAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaDatabaseEndpointAutoConfiguration;
import io.github.chanuka.database.autoconfigure.ChanukaOperationsAutoConfiguration;
import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.chanuka.database.ops.schema.DataValidationRule;
import io.github.chanuka.database.ops.schema.Severity;
import io.github.chanuka.database.ops.schema.ValidationCheck;
import io.github.chanuka.database.ops.schema.ValidationFinding;
import io.github.chanuka.database.ops.schema.ValidationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/database/validation} against a real primary: counts and identifiers
 * rather than row values unless allowed, one evaluation at a time shared by concurrent
 * callers, and rules bounded by the statement timeout.
 */
@EmbeddedCluster(replicas = 0)
class ValidationEndpointIntegrationTests {

	private static final String RULE_SQL = "select id, title from bills"
			+ " where sponsor is null and title <> 'LiteralSecret-9'";

	private static PostgresCluster cluster;

	@BeforeAll
	static void useCluster(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
	}

	private ApplicationContextRunner runner(TestInfo test, String... properties) {
		String database = test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
		PostgresNode primary = cluster.primary();
		JdbcTemplate admin = new JdbcTemplate(primary.dataSource());
		admin.execute("drop database if exists " + database + " with (force)");
		admin.execute("create database " + database);
		String url = "jdbc:postgresql://" + primary.host() + ":" + primary.port() + "/" + database;
		JdbcTemplate jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), url,
				primary.username(), primary.password()));
		jdbc.execute("create table bills (id int primary key, title text not null, sponsor text)");
		jdbc.execute("insert into bills values (1, 'RowSecret-1', null), (2, 'RowSecret-2', null), (3, 'Fine', 'x')");
		List<String> values = new ArrayList<>(List.of("chanuka.database.url=" + url,
				"chanuka.database.username=" + primary.username(), "chanuka.database.password=" + primary.password(),
				"management.endpoints.web.exposure.include=database"));
		values.addAll(List.of(properties));
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class,
					ChanukaOperationsAutoConfiguration.class, ChanukaDatabaseEndpointAutoConfiguration.class))
			.withBean("billsHaveASponsor", DataValidationRule.class,
					() -> new DataValidationRule("bills-have-a-sponsor", RULE_SQL, Severity.ERROR))
			.withPropertyValues(values.toArray(String[]::new));
	}

	@Test
	void theValidationSelectorShowsCountsAndIdentifiersButNoRowValuesByDefault(TestInfo test) {
		runner(test).run((context) -> {
			ValidationReport report = validation(context.getBean(DatabaseEndpoint.class));
			ValidationFinding finding = rule(report);
			assertThat(finding.message()).isEqualTo("2 row(s) break this rule");
			assertThat(finding.action()).contains("select id, title from bills where sponsor is null and title <> ?");
			assertThat(report.toString()).doesNotContain("RowSecret").doesNotContain("LiteralSecret-9");
		});
	}

	@Test
	void theValidationSelectorShowsRowValuesWhenAllowed(TestInfo test) {
		runner(test, "chanuka.database.validation.show-values=true").run((context) -> {
			ValidationFinding finding = rule(validation(context.getBean(DatabaseEndpoint.class)));
			assertThat(finding.message()).startsWith("2 row(s) break this rule, such as ")
				.contains("{id=1, title=RowSecret-1}", "{id=2, title=RowSecret-2}");
			assertThat(finding.action()).contains("'LiteralSecret-9'");
		});
	}

	@Test
	void concurrentRequestsShareOneEvaluation(TestInfo test) {
		AtomicInteger evaluations = new AtomicInteger();
		CountDownLatch release = new CountDownLatch(1);
		ValidationCheck slowCheck = new ValidationCheck() {

			@Override
			public List<ValidationFinding> check() {
				evaluations.incrementAndGet();
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return List.of();
			}

			@Override
			public String name() {
				return "slow-check";
			}

		};
		runner(test).withBean("slowCheck", ValidationCheck.class, () -> slowCheck).run((context) -> {
			DatabaseEndpoint endpoint = context.getBean(DatabaseEndpoint.class);
			List<Object> reports = new CopyOnWriteArrayList<>();
			List<Thread> callers = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				callers.add(new Thread(() -> reports.add(validation(endpoint))));
			}
			callers.forEach(Thread::start);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> evaluations.get() >= 1
						&& callers.stream().allMatch((caller) -> caller.getState() == Thread.State.WAITING
								|| caller.getState() == Thread.State.TIMED_WAITING));
			release.countDown();
			for (Thread caller : callers) {
				caller.join(10_000);
			}
			assertThat(reports).hasSize(6);
			assertThat(reports).allSatisfy((report) -> assertThat(report).isSameAs(reports.get(0)));
			assertThat(evaluations).hasValue(1);
			validation(endpoint);
			assertThat(evaluations).as("reused within its time to live").hasValue(1);
		});
	}

	@Test
	void aReportIsEvaluatedAgainOnceItsTimeToLiveHasPassed(TestInfo test) {
		AtomicInteger evaluations = new AtomicInteger();
		ValidationCheck counting = () -> {
			evaluations.incrementAndGet();
			return List.of();
		};
		runner(test, "chanuka.database.validation.cache-time-to-live=200ms")
			.withBean("countingCheck", ValidationCheck.class, () -> counting)
			.run((context) -> {
				DatabaseEndpoint endpoint = context.getBean(DatabaseEndpoint.class);
				ValidationReport first = validation(endpoint);
				await().atMost(Duration.ofSeconds(10)).until(() -> validation(endpoint) != first);
				assertThat(evaluations).hasValue(2);
			});
	}

	@Test
	void aRuleSlowerThanTheStatementTimeoutIsCancelled(TestInfo test) {
		runner(test, "chanuka.database.validation.statement-timeout=300ms")
			.withBean("slowRule", DataValidationRule.class,
					() -> new DataValidationRule("slow-rule", "select 1 as id from pg_sleep(20)", Severity.WARNING))
			.run((context) -> {
				long started = System.nanoTime();
				ValidationReport report = validation(context.getBean(DatabaseEndpoint.class));
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
				assertThat(report.findings()).filteredOn((finding) -> finding.check().equals("slow-rule"))
					.singleElement()
					.satisfies((finding) -> {
						assertThat(finding.severity()).isEqualTo(Severity.ERROR);
						assertThat(finding.message())
							.isEqualTo("the rule's query was cancelled after the statement timeout of 300 ms");
						assertThat(finding.action()).contains("chanuka.database.validation.statement-timeout");
					});
			});
	}

	private static ValidationReport validation(DatabaseEndpoint endpoint) {
		return (ValidationReport) endpoint.report("validation");
	}

	private static ValidationFinding rule(ValidationReport report) {
		return report.findings()
			.stream()
			.filter((finding) -> finding.check().equals("bills-have-a-sponsor"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No finding of the rule in " + report));
	}

}
