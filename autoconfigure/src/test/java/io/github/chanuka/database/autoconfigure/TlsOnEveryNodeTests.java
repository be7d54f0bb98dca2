package io.github.chanuka.database.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import io.github.chanuka.database.SslMode;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.pool.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TLS policy holds on every node, whatever the node's URL says, and the
 * development profile's {@code disable} holds for local hosts only.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsOnEveryNodeTests {

	private static final String REMOTE = "jdbc:postgresql://db.example.com:5432/bills";

	private static final String LOCAL = "jdbc:postgresql://127.0.0.1:5432/bills";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class))
		.withPropertyValues("chanuka.database.username=app", "chanuka.database.password=topsecret");

	@Test
	void productionRefusesAReplicaWhoseUrlDisablesTls() {
		this.runner
			.withPropertyValues("chanuka.database.url=" + REMOTE + "?sslmode=require",
					"chanuka.database.environment=production", "chanuka.database.replicas[0].name=replica-eu",
					"chanuka.database.replicas[0].url=jdbc:postgresql://replica.example.com/bills?sslmode=disable")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("Property: chanuka.database.replicas[0].url",
						"replica 'replica-eu' would use sslmode disable", "must be encrypted");
				assertThat(analysis.getAction()).contains("chanuka.database.ssl.mode to require",
						"chanuka.database.replicas[0].url", "allow-insecure-production");
			});
	}

	@Test
	void productionRefusesAReplicaThatOnlyPrefersTlsEvenWhenThePrimaryRequiresIt() {
		this.runner
			.withPropertyValues("chanuka.database.url=" + REMOTE, "spring.profiles.active=prod",
					"chanuka.database.replicas[0].url=jdbc:postgresql://replica.example.com/bills?sslmode=prefer")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("replica 'replica-1' would use sslmode prefer"));
	}

	@Test
	void aReplicaUrlContradictingTheSslModePropertyIsRefusedInAnyEnvironment() {
		this.runner
			.withPropertyValues("chanuka.database.url=" + LOCAL, "chanuka.database.ssl.mode=require",
					"chanuka.database.replicas[0].url=jdbc:postgresql://replica.example.com/bills?sslmode=allow")
			.run((context) -> assertThat(analysis(context).getDescription()).contains("Property: chanuka.database.ssl.mode",
					"replica 'replica-1' URL from chanuka.database.replicas[0].url asks for sslmode=allow"));
	}

	@Test
	void productionMayRunBelowRequireOnEveryNodeOnlyWhenAllowed() {
		ChanukaDatabaseProperties properties = new ChanukaDatabaseProperties();
		properties.getSsl().setAllowInsecureProduction(true);
		ChanukaDatabaseProperties.Replica replica = new ChanukaDatabaseProperties.Replica();
		replica.setUrl("jdbc:postgresql://replica.example.com/bills?sslmode=disable");
		properties.getReplicas().add(replica);
		properties.setUrl(REMOTE + "?sslmode=require");
		properties.setEnvironment(io.github.chanuka.database.DatabaseEnvironment.PRODUCTION);
		DatabaseSettings settings = DatabaseSettingsResolver.resolve(properties, new MockEnvironment(), null);
		assertThat(settings.replicas()).singleElement()
			.satisfies((resolved) -> assertThat(settings.tls().effectiveModeFor(resolved.connection().jdbcUrl()))
				.isEqualTo(SslMode.DISABLE));
	}

	@Test
	void aRemoteHostWithNoEnvironmentGetsPreferAndOneWarning(CapturedOutput output) {
		this.runner.withPropertyValues("DATABASE_URL=postgres://app:topsecret@db.example.com/bills").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(DatabaseSettings.class).tls().mode()).isEqualTo(SslMode.PREFER);
			assertThat(primary(context).getDataSourceProperties()).containsEntry("sslmode", "prefer");
		});
		int before = output.getAll().length();
		DatabaseSettingsResolver.resolve(properties(REMOTE), new MockEnvironment(), null);
		assertThat(output.getAll().substring(before)).containsOnlyOnce("no environment is set")
			.contains("set chanuka.database.environment")
			.doesNotContain("topsecret");
	}

	@Test
	void noWarningWhenTheEnvironmentIsChosenOrTheHostIsLocal(CapturedOutput output) {
		MockEnvironment nodeEnv = new MockEnvironment().withProperty("NODE_ENV", "development");
		DatabaseSettings chosen = DatabaseSettingsResolver.resolve(properties(REMOTE), nodeEnv, null);
		DatabaseSettings local = DatabaseSettingsResolver.resolve(properties(LOCAL), new MockEnvironment(), null);
		assertThat(chosen.tls().mode()).as("explicit development, remote host").isEqualTo(SslMode.PREFER);
		assertThat(local.tls().mode()).isEqualTo(SslMode.DISABLE);
		assertThat(output.getAll()).doesNotContain("no environment is set");
	}

	@Test
	void developmentDisablesTlsForLocalNodesOnly() {
		this.runner
			.withPropertyValues("chanuka.database.url=" + LOCAL, "chanuka.database.environment=development",
					"chanuka.database.replicas[0].url=jdbc:postgresql://replica.example.com/bills",
					"chanuka.database.replicas[1].url=jdbc:postgresql://[::1]:5433/bills",
					"chanuka.database.replicas[2].url=jdbc:postgresql://localhost:5434/bills")
			.run((context) -> {
				assertThat(primary(context).getDataSourceProperties()).containsEntry("sslmode", "disable");
				DatabaseTopology topology = context.getBean(DatabaseTopology.class);
				assertThat(topology.replicas()).extracting(DatabaseNode::dataSource)
					.extracting((pool) -> pool.getDataSourceProperties().getProperty("sslmode"))
					.containsExactly("prefer", "disable", "disable");
			});
	}

	@Test
	void anExplicitDisableIsKeptForRemoteHosts() {
		this.runner.withPropertyValues("chanuka.database.url=" + REMOTE, "chanuka.database.ssl.mode=disable")
			.run((context) -> assertThat(primary(context).getDataSourceProperties()).containsEntry("sslmode",
					"disable"));
	}

	private static ChanukaDatabaseProperties properties(String url) {
		ChanukaDatabaseProperties properties = new ChanukaDatabaseProperties();
		properties.setUrl(url);
		return properties;
	}

	private static HikariDataSource primary(ApplicationContext context) {
		return context.getBean(DatabaseTopology.class).primary().dataSource();
	}

	private static FailureAnalysis analysis(
			org.springframework.boot.test.context.assertj.AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidDatabaseConfigurationException.class);
		FailureAnalysis analysis = new InvalidDatabaseConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("topsecret");
		return analysis;
	}

}
