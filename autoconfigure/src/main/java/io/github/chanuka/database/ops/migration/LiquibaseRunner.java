package io.github.chanuka.database.ops.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import liquibase.ui.LoggerUIService;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.liquibase.autoconfigure.LiquibaseProperties;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Runs Liquibase against the primary with the application's {@code spring.liquibase.*}
 * settings, its messages going to the log rather than the console.
 *
 * @author Chanuka Database
 */
final class LiquibaseRunner {

	private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b(?:[a-z]\\w*\\.)+\\w*(?:Exception|Error): ");

	private final DataSource primary;

	private final String database;

	private final LiquibaseProperties properties;

	private final ResourceLoader resourceLoader;

	LiquibaseRunner(DataSource primary, String database, LiquibaseProperties properties,
			ResourceLoader resourceLoader) {
		this.primary = primary;
		this.database = database;
		this.properties = properties;
		this.resourceLoader = resourceLoader;
	}

	String changeLog() {
		return this.properties.getChangeLog();
	}

	String database() {
		return this.database;
	}

	Contexts contexts() {
		List<String> contexts = this.properties.getContexts();
		return (contexts != null) ? new Contexts(contexts) : new Contexts();
	}

	LabelExpression labels() {
		List<String> labels = this.properties.getLabelFilter();
		return (labels != null) ? new LabelExpression(labels) : new LabelExpression();
	}

	@Nullable String defaultSchema() {
		return this.properties.getDefaultSchema();
	}

	/**
	 * Run work with a fresh {@link Liquibase} on a connection from the primary pool,
	 * closed afterwards.
	 * @param operation what is done, for messages, such as {@code migrating}
	 * @param work the work
	 * @param <T> the result type
	 * @return the work's result
	 */
	<T> T run(String operation, LiquibaseWork<T> work) {
		requireChangeLog();
		Map<String, Object> scope = new HashMap<>();
		scope.put(Scope.Attr.ui.name(), new LoggerUIService());
		if (this.properties.getAnalyticsEnabled() != null) {
			scope.put(AnalyticsArgs.ENABLED.getKey(), this.properties.getAnalyticsEnabled());
		}
		try {
			return Scope.child(scope, () -> {
				try (Connection connection = this.primary.getConnection();
						Liquibase liquibase = new PrimaryLiquibase(this.properties, this.resourceLoader)
							.open(connection)) {
					return work.run(liquibase);
				}
			});
		}
		catch (InvalidDatabaseConfigurationException | MigrationException | ResetRefusedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new MigrationException(StringUtils.capitalize(operation) + " " + this.database
					+ " with changelog " + changeLog() + " failed: " + messageOf(ex), ex);
		}
	}

	private void requireChangeLog() {
		String changeLog = changeLog();
		if (!StringUtils.hasText(changeLog) || !this.resourceLoader.getResource(changeLog).exists()) {
			throw new InvalidDatabaseConfigurationException("spring.liquibase.change-log", changeLog,
					"There is no Liquibase changelog at this location",
					"Create the changelog there, or set spring.liquibase.change-log to your changelog,"
							+ " such as classpath:db/changelog/db.changelog-master.yaml");
		}
	}

	private static String messageOf(Throwable ex) {
		String message = null;
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause.getMessage() != null && (message == null || !message.contains(cause.getMessage()))) {
				message = (message != null) ? message + ": " + cause.getMessage() : cause.getMessage();
			}
		}
		return (message != null) ? EXCEPTION_NAME.matcher(message).replaceAll("") : ex.getClass().getSimpleName();
	}

	/**
	 * Work done with a {@link Liquibase}.
	 *
	 * @param <T> the result type
	 */
	@FunctionalInterface
	interface LiquibaseWork<T> {

		T run(Liquibase liquibase) throws LiquibaseException, SQLException;

	}

	/**
	 * Builds a {@link Liquibase} the way Spring Boot's migration does, from the same
	 * properties; never drops first.
	 */
	private static final class PrimaryLiquibase extends SpringLiquibase {

		PrimaryLiquibase(LiquibaseProperties properties, ResourceLoader resourceLoader) {
			setChangeLog(properties.getChangeLog());
			setDefaultSchema(properties.getDefaultSchema());
			setLiquibaseSchema(properties.getLiquibaseSchema());
			setLiquibaseTablespace(properties.getLiquibaseTablespace());
			setDatabaseChangeLogTable(properties.getDatabaseChangeLogTable());
			setDatabaseChangeLogLockTable(properties.getDatabaseChangeLogLockTable());
			setChangeLogParameters(properties.getParameters());
			setResourceLoader(resourceLoader);
		}

		Liquibase open(Connection connection) throws LiquibaseException {
			return createLiquibase(connection);
		}

	}

}
