package io.github.chanuka.database.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.pool.DatabaseSettings;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import org.springframework.util.StringUtils;

/**
 * The {@code --force=DATABASE} option of the commands that destroy data ({@code reset},
 * {@code restore}), and the rule they fail closed on: they run only when {@code --force}
 * names the primary's database, and either the environment was chosen as
 * {@code development} or {@code test} (by property or profile, not by default) or every
 * host of the primary is a loopback address. Staging and production are refused
 * whatever the host, since a database on this machine may still be the production one
 * (a local proxy or tunnel).
 *
 * @author Chanuka Database
 */
final class ForceOption {

	// the origin EnvironmentResolver gives when neither a property nor a profile chose
	private static final String DEFAULT_ORIGIN = "default";

	private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9.]+");

	@Spec(Spec.Target.MIXEE)
	CommandSpec command;

	@Option(names = "--force", arity = "0..1", paramLabel = "DATABASE",
			description = "Do it: DATABASE must be the name of the primary's database, such as --force=bills."
					+ " Runs only in an explicit development or test environment, or against a database on this"
					+ " machine.")
	@Nullable String database;

	boolean isGiven() {
		return this.database != null;
	}

	/**
	 * Refuse the command unless the rule allows it.
	 * @param settings the application's database settings
	 * @return why it is allowed, for {@code --verbose}
	 */
	String check(DatabaseSettings settings) {
		String name = "db " + this.command.name();
		String expected = databaseName(settings);
		if (!StringUtils.hasText(this.database)) {
			throw new ParameterException(this.command.commandLine(), "--force must name the database " + name
					+ " changes, to show it is the intended one: --force=" + expected);
		}
		String allowedBy = allowedBy(settings, name);
		if (!this.database.equals(expected)) {
			throw new CommandException(DatabaseCommandLine.USAGE,
					"--force=" + this.database + " does not name the primary's database, " + expected + " ("
							+ settings.primary().maskedUrl() + ")",
					"Check that the application is configured for the database you mean, then use --force="
							+ expected);
		}
		return name + " allowed on " + expected + ": " + allowedBy;
	}

	private static String allowedBy(DatabaseSettings settings, String name) {
		DatabaseEnvironment environment = settings.environment();
		String origin = settings.environmentOrigin();
		if (environment == DatabaseEnvironment.STAGING || environment == DatabaseEnvironment.PRODUCTION) {
			throw new CommandException(DatabaseCommandLine.USAGE,
					name + " is refused in " + environment.displayName() + " (environment from " + origin + ")",
					"It runs only in an explicit development or test environment, or against a database on this"
							+ " machine outside staging and production");
		}
		if (!DEFAULT_ORIGIN.equals(origin)) {
			return "environment " + environment.displayName() + " from " + origin;
		}
		if (isLoopback(settings.primary().jdbcUrl())) {
			return "the primary is on this machine";
		}
		throw new CommandException(DatabaseCommandLine.USAGE,
				name + " is refused: the primary " + settings.primary().maskedUrl() + " is not on this machine, and the"
						+ " environment is " + environment.displayName() + " only by default",
				"If this database may be overwritten, say so with chanuka.database.environment=development (or test),"
						+ " or an active 'dev' or 'test' profile");
	}

	static String databaseName(DatabaseSettings settings) {
		Properties url = org.postgresql.Driver.parseURL(settings.primary().jdbcUrl(), new Properties());
		String name = (url != null) ? url.getProperty("PGDBNAME") : null;
		if (!StringUtils.hasText(name)) {
			throw new CommandException(DatabaseCommandLine.USAGE,
					"The primary's URL " + settings.primary().maskedUrl() + " names no database",
					"Put the database name in chanuka.database.url, such as jdbc:postgresql://localhost/bills");
		}
		return name;
	}

	static boolean isLoopback(String jdbcUrl) {
		Properties url = org.postgresql.Driver.parseURL(jdbcUrl, new Properties());
		String hosts = (url != null) ? url.getProperty("PGHOST") : null;
		return StringUtils.hasText(hosts) && Arrays.stream(hosts.split(",")).allMatch(ForceOption::isLoopbackHost);
	}

	private static boolean isLoopbackHost(String host) {
		if ("localhost".equals(host.toLowerCase(Locale.ROOT))) {
			return true;
		}
		// only literal addresses: a name is not resolved, so DNS cannot make a host local
		if (!host.contains(":") && !IPV4_LITERAL.matcher(host).matches()) {
			return false;
		}
		try {
			return InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
