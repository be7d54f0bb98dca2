package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.util.ClassUtils;

/**
 * Runs a database command when the application is started as
 * {@code java -jar app.jar db <command>}: the application starts without a web server
 * (in AOT mode, where the application type is fixed at build time, with its web server
 * off),
 * banner or startup migration, quiet on the console, runs the command once its context
 * is refreshed (before the application's runners), and exits with the command's exit
 * code. Does nothing without picocli on the classpath, or when the first argument is not
 * {@code db}.
 *
 * @author Chanuka Database
 */
class DatabaseCommandRunListener implements SpringApplicationRunListener, Ordered {

	static final String PROPERTY_SOURCE_NAME = "chanukaDatabaseCommand";

	private static final String PICOCLI = "picocli.CommandLine";

	private final SpringApplication application;

	private final String[] args;

	private final boolean active;

	private final IntConsumer exit;

	private final PrintWriter out;

	private final PrintWriter err;

	private final boolean ownsStandardStreams;

	// public: among several constructors, Spring's factories loader takes the public one
	public DatabaseCommandRunListener(SpringApplication application, String[] args) {
		this(application, args, System::exit, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
				true);
	}

	DatabaseCommandRunListener(SpringApplication application, String[] args, IntConsumer exit, PrintWriter out,
			PrintWriter err) {
		this(application, args, exit, out, err, false);
	}

	private DatabaseCommandRunListener(SpringApplication application, String[] args, IntConsumer exit,
			PrintWriter out, PrintWriter err, boolean ownsStandardStreams) {
		this.application = application;
		this.args = args;
		this.active = DatabaseCommandArguments.isDatabaseCommand(args)
				&& ClassUtils.isPresent(PICOCLI, application.getClassLoader());
		this.exit = exit;
		this.out = out;
		this.err = err;
		this.ownsStandardStreams = ownsStandardStreams;
	}

	@Override
	public int getOrder() {
		// before Boot's event publishing listener, so logging and config data see the
		// command's defaults
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void starting(ConfigurableBootstrapContext bootstrapContext) {
		if (this.active) {
			if (!AotDetector.useGeneratedArtifacts()) {
				// in AOT mode the bean definitions were generated for the application's own
				// type: it keeps it, and its web server stays off (server.port -1)
				this.application.setWebApplicationType(WebApplicationType.NONE);
			}
			if (this.ownsStandardStreams) {
				// standard output carries the command's result alone, so that --json can be
				// piped; logs and anything else printed go to standard error
				System.setOut(System.err);
			}
		}
	}

	@Override
	public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
			ConfigurableEnvironment environment) {
		if (this.active) {
			MapPropertySource defaults = new MapPropertySource(PROPERTY_SOURCE_NAME, commandDefaults());
			MutablePropertySources sources = environment.getPropertySources();
			if (sources.contains(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME)) {
				sources.addAfter(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME, defaults);
			}
			else {
				sources.addFirst(defaults);
			}
		}
	}

	static Map<String, Object> commandDefaults() {
		Map<String, Object> defaults = new LinkedHashMap<>();
		if (AotDetector.useGeneratedArtifacts()) {
			defaults.put("server.port", "-1");
		}
		else {
			defaults.put("spring.main.web-application-type", "none");
		}
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("spring.main.log-startup-info", "false");
		defaults.put("logging.threshold.console", "warn");
		defaults.put("spring.liquibase.enabled", "false");
		return defaults;
	}

	@Override
	public void started(ConfigurableApplicationContext context, @Nullable Duration timeTaken) {
		if (this.active) {
			int exitCode = new DatabaseCommandLine(context).execute(this.out, this.err,
					DatabaseCommandArguments.commandArguments(this.args));
			this.out.flush();
			this.err.flush();
			this.exit.accept(SpringApplication.exit(context, () -> exitCode));
		}
	}

	@Override
	public void failed(@Nullable ConfigurableApplicationContext context, Throwable exception) {
		if (this.active) {
			StartupFailureReport.print(context, exception, this.application.getClassLoader(), this.err);
			this.exit.accept(DatabaseCommandLine.USAGE);
		}
	}

}
