package io.github.chanuka.database.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.ops.DestructiveOperationRefusedException.Reason;
import io.github.chanuka.database.pool.DatabaseSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The rule every operation that destroys data (a reset, a restore) fails closed on,
 * whoever calls it: it runs only when the caller names the primary's database, and either
 * the environment was chosen as {@code development} or {@code test} (by property or
 * profile, not by default) or every host of the primary is a loopback address. Staging
 * and production are refused whatever the host, since a database on this machine may
 * still be the production one (a local proxy or tunnel).
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public final class DestructiveOperationGuard {

	// the origin EnvironmentResolver gives when neither a property nor a profile chose
	private static final String DEFAULT_ORIGIN = "default";

	private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9.]+");

	private final DatabaseEnvironment environment;

	private final String environmentOrigin;

	private final String jdbcUrl;

	private final String maskedUrl;

	private DestructiveOperationGuard(DatabaseEnvironment environment, String environmentOrigin, String jdbcUrl,
			String maskedUrl) {
		this.environment = environment;
		this.environmentOrigin = environmentOrigin;
		this.jdbcUrl = jdbcUrl;
		this.maskedUrl = maskedUrl;
	}

	/**
	 * Return the guard of the application's primary.
	 * @param settings the database settings, for the environment and its origin
	 * @return the guard
	 */
	public static DestructiveOperationGuard of(DatabaseSettings settings) {
		return new DestructiveOperationGuard(settings.environment(), settings.environmentOrigin(),
				settings.primary().jdbcUrl(), settings.primary().maskedUrl());
	}

	/**
	 * Return a guard for a node whose environment is not known: it allows a loopback
	 * primary only, and never staging or production.
	 * @param primary the primary
	 * @return the guard
	 */
	public static DestructiveOperationGuard ofUnknownEnvironment(DatabaseNode primary) {
		return new DestructiveOperationGuard(DatabaseEnvironment.DEVELOPMENT, DEFAULT_ORIGIN,
				primary.dataSource().getJdbcUrl(), primary.maskedUrl());
	}

	/**
	 * Refuse the operation unless the rule allows it.
	 * @param operation what is asked for, such as {@code db reset}
	 * @param confirmedDatabase the database the caller names, {@code null} when it named
	 * none
	 * @return why it is allowed, for verbose output
	 * @throws DestructiveOperationRefusedException when the rule refuses it
	 */
	public String check(String operation, @Nullable String confirmedDatabase) {
		String expected = databaseName();
		if (!StringUtils.hasText(confirmedDatabase)) {
			throw new DestructiveOperationRefusedException(Reason.UNCONFIRMED,
					operation + " must be confirmed with the name of the database it changes: " + expected,
					"Name the database " + expected + " to show it is the intended one", expected);
		}
		String allowedBy = allowedBy(operation, expected);
		if (!confirmedDatabase.equals(expected)) {
			throw new DestructiveOperationRefusedException(Reason.WRONG_DATABASE,
					"'" + confirmedDatabase + "' does not name the primary's database, " + expected + " ("
							+ this.maskedUrl + ")",
					"Check that the application is configured for the database you mean, then name " + expected,
					expected);
		}
		return operation + " allowed on " + expected + ": " + allowedBy;
	}

	/**
	 * Return the name of the primary's database, which callers confirm.
	 * @return the name
	 * @throws DestructiveOperationRefusedException when the URL names no database
	 */
	public String databaseName() {
		Properties url = org.postgresql.Driver.parseURL(this.jdbcUrl, new Properties());
		String name = (url != null) ? url.getProperty("PGDBNAME") : null;
		if (!StringUtils.hasText(name)) {
			throw new DestructiveOperationRefusedException(Reason.NO_DATABASE_NAME,
					"The primary's URL " + this.maskedUrl + " names no database",
					"Put the database name in chanuka.database.url, such as jdbc:postgresql://localhost/bills", null);
		}
		return name;
	}

	private String allowedBy(String operation, String expected) {
		if (this.environment == DatabaseEnvironment.STAGING || this.environment == DatabaseEnvironment.PRODUCTION) {
			throw new DestructiveOperationRefusedException(Reason.ENVIRONMENT,
					operation + " is refused in " + this.environment.displayName() + " (environment from "
							+ this.environmentOrigin + ")",
					"It runs only in an explicit development or test environment, or against a database on this"
							+ " machine outside staging and production",
					expected);
		}
		if (!DEFAULT_ORIGIN.equals(this.environmentOrigin)) {
			return "environment " + this.environment.displayName() + " from " + this.environmentOrigin;
		}
		if (isLoopback(this.jdbcUrl)) {
			return "the primary is on this machine";
		}
		throw new DestructiveOperationRefusedException(Reason.REMOTE_HOST,
				operation + " is refused: the primary " + this.maskedUrl + " is not on this machine, and the"
						+ " environment is " + this.environment.displayName() + " only by default",
				"If this database may be overwritten, say so with chanuka.database.environment=development (or test),"
						+ " or an active 'dev' or 'test' profile",
				expected);
	}

	/**
	 * Return whether every host of a JDBC URL is a loopback address, given literally or
	 * as {@code localhost}; a name is never resolved, so DNS cannot make a host local.
	 * @param jdbcUrl the URL
	 * @return whether the database is on this machine
	 */
	public static boolean isLoopback(String jdbcUrl) {
		Properties url = org.postgresql.Driver.parseURL(jdbcUrl, new Properties());
		String hosts = (url != null) ? url.getProperty("PGHOST") : null;
		return StringUtils.hasText(hosts)
				&& Arrays.stream(hosts.split(",")).allMatch(DestructiveOperationGuard::isLoopbackHost);
	}

	private static boolean isLoopbackHost(String host) {
		if ("localhost".equals(host.toLowerCase(Locale.ROOT))) {
			return true;
		}
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
