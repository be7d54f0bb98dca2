package io.github.chanuka.database.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.beans.factory.ObjectProvider;

/**
 * What the commands share: finding the beans they need, and formatting.
 *
 * @author Chanuka Database
 */
final class Commands {

	static final String NOT_CONFIGURED = "Chanuka Database is not configured in this application";

	static final String NOT_CONFIGURED_ACTION = "Set chanuka.database.url (or spring.datasource.url), keep"
			+ " chanuka.database.enabled true, and let the starter define the DataSource";

	static final String NOTHING_CHANGED = "Nothing was changed";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.systemDefault());

	private Commands() {
	}

	static <T> T require(ObjectProvider<T> provider) {
		return require(provider, NOT_CONFIGURED, NOT_CONFIGURED_ACTION);
	}

	static <T> T require(ObjectProvider<T> provider, String missing, String action) {
		T bean = provider.getIfAvailable();
		if (bean == null) {
			throw new CommandException(DatabaseCommandLine.USAGE, missing, action);
		}
		return bean;
	}

	static String time(Instant instant) {
		return (instant != null) ? TIME.format(instant) : "-";
	}

	static String plural(int count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

}
