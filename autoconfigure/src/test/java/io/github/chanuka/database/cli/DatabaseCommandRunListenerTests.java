package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code java -jar app.jar db ...} turns the application into a command.
 */
class DatabaseCommandRunListenerTests {

	private final AtomicInteger exitCode = new AtomicInteger(-1);

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	@Test
	void aDbCommandLineSwitchesOffTheWebServerBannerAndStartupMigration() {
		SpringApplication application = new SpringApplication();
		DatabaseCommandRunListener listener = listener(application, "db", "status", "--logging.threshold.console=info");
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SimpleCommandLinePropertySource("db", "status", "--logging.threshold.console=info"));
		listener.starting(null);
		listener.environmentPrepared(null, environment);
		assertThat(application.getWebApplicationType()).isEqualTo(WebApplicationType.NONE);
		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
		assertThat(environment.getProperty("spring.main.banner-mode")).isEqualTo("off");
		assertThat(environment.getProperty("spring.liquibase.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("logging.threshold.console")).as("command line wins").isEqualTo("info");
	}

	@Test
	void otherCommandLinesStartTheApplicationUnchanged() {
		SpringApplication application = new SpringApplication();
		application.setWebApplicationType(WebApplicationType.SERVLET);
		StandardEnvironment environment = new StandardEnvironment();
		DatabaseCommandRunListener listener = listener(application, "serve");
		listener.starting(null);
		listener.environmentPrepared(null, environment);
		assertThat(application.getWebApplicationType()).isEqualTo(WebApplicationType.SERVLET);
		assertThat(environment.getPropertySources().contains(DatabaseCommandRunListener.PROPERTY_SOURCE_NAME)).isFalse();
	}

	@Test
	void withoutPicocliNothingHappens() {
		SpringApplication application = new SpringApplication();
		application.setResourceLoader(new DefaultResourceLoader(new FilteredClassLoader("picocli")));
		application.setWebApplicationType(WebApplicationType.SERVLET);
		StandardEnvironment environment = new StandardEnvironment();
		DatabaseCommandRunListener listener = listener(application, "db", "status");
		listener.starting(null);
		listener.environmentPrepared(null, environment);
		try (GenericApplicationContext context = refreshed()) {
			listener.started(context, null);
			listener.failed(context, new IllegalStateException("boom"));
		}
		assertThat(application.getWebApplicationType()).isEqualTo(WebApplicationType.SERVLET);
		assertThat(environment.getPropertySources().contains(DatabaseCommandRunListener.PROPERTY_SOURCE_NAME)).isFalse();
		assertThat(this.exitCode).hasValue(-1);
	}

	@Test
	void theCommandRunsOnceTheContextStartedAndItsExitCodeEndsTheApplication() {
		DatabaseCommandRunListener listener = listener(new SpringApplication(), "db", "--spring.main.lazy=true",
				"bogus");
		GenericApplicationContext context = refreshed();
		listener.started(context, null);
		assertThat(this.exitCode).hasValue(DatabaseCommandLine.USAGE);
		assertThat(this.err.toString()).startsWith("Error: unknown command 'bogus'");
		assertThat(context.isActive()).as("closed before exiting").isFalse();
	}

	@Test
	void aStartupFailureIsExplainedInOneLineWithTheFixAndExitsTwo() {
		DatabaseCommandRunListener listener = listener(new SpringApplication(), "db", "status");
		try (GenericApplicationContext context = refreshed()) {
			listener.failed(context, new BeanCreationException("chanukaDatabaseSettings",
					new InvalidDatabaseConfigurationException("chanuka.database.url", "mysql://x",
							"Not a PostgreSQL URL", "Use a jdbc:postgresql:// URL")));
		}
		assertThat(this.exitCode).hasValue(DatabaseCommandLine.USAGE);
		assertThat(this.err.toString()).startsWith("Error: the application could not start: Chanuka Database cannot"
				+ " start with this configuration.")
			.contains("Property: chanuka.database.url", "Action: Use a jdbc:postgresql:// URL");
	}

	@Test
	void aFailureNoAnalyzerKnowsIsReportedWithItsCauses() {
		DatabaseCommandRunListener listener = listener(new SpringApplication(), "db", "status");
		listener.failed(null, new IllegalStateException("outer", new IllegalArgumentException("inner")));
		assertThat(this.exitCode).hasValue(DatabaseCommandLine.USAGE);
		assertThat(this.err.toString()).isEqualToIgnoringNewLines("Error: the application could not start: outer: inner");
	}

	private DatabaseCommandRunListener listener(SpringApplication application, String... args) {
		return new DatabaseCommandRunListener(application, args, this.exitCode::set, new PrintWriter(this.out),
				new PrintWriter(this.err));
	}

	private static GenericApplicationContext refreshed() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.refresh();
		return context;
	}

}
