package io.github.chanuka.database.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import com.zaxxer.hikari.HikariDataSource;
import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import io.github.chanuka.database.alert.AlertEvaluator;
import io.github.chanuka.database.cli.DatabaseCommandArguments;
import io.github.chanuka.database.metrics.QueryStatistics;
import io.github.chanuka.database.node.ConnectionGuard;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.node.ReplicaEligibility;
import io.github.chanuka.database.ops.DatabaseStatusService;
import io.github.chanuka.database.ops.DestructiveOperationGuard;
import io.github.chanuka.database.ops.backup.BackupListener;
import io.github.chanuka.database.ops.backup.BackupOperations;
import io.github.chanuka.database.ops.backup.BackupSchedule;
import io.github.chanuka.database.ops.migration.ChangelogValidationCheck;
import io.github.chanuka.database.ops.migration.MigrationOperations;
import io.github.chanuka.database.ops.schema.ArchiveModeCheck;
import io.github.chanuka.database.ops.schema.DataValidationRule;
import io.github.chanuka.database.ops.schema.IndexAdvisor;
import io.github.chanuka.database.ops.schema.SchemaValidator;
import io.github.chanuka.database.ops.schema.ValidationCheck;
import io.github.chanuka.database.ops.schema.ValidationReports;
import io.github.chanuka.database.ops.session.SessionInspector;
import io.github.chanuka.database.ops.setup.DatabaseSetup;
import io.github.chanuka.database.ops.setup.SetupDeclaration;
import io.github.chanuka.database.ops.statements.StatementStatistics;
import io.github.chanuka.database.pool.DatabaseSettings;
import io.github.chanuka.database.resilience.RetryStatistics;
import liquibase.integration.spring.SpringLiquibase;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Auto-configuration of the operations behind the {@code db} commands and the
 * {@code database} endpoint: the status report, session inspection, statement statistics, schema validation, index
 * advice, Liquibase operations on the primary, and backups, scheduled when
 * {@code chanuka.database.backup.schedule} is set. Everything works on the primary's
 * own pool, never through the read/write router, and nothing touches the database
 * while the context starts.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@AutoConfiguration(after = ChanukaDataSourceAutoConfiguration.class)
@ConditionalOnClass({ HikariDataSource.class, JdbcTemplate.class })
@ConditionalOnBooleanProperty(name = "chanuka.database.enabled", matchIfMissing = true)
@ConditionalOnBean(DatabaseTopology.class)
@EnableConfigurationProperties(ChanukaDatabaseProperties.class)
public final class ChanukaOperationsAutoConfiguration {

	private static final String LIQUIBASE_CHANGELOG_TABLE = "spring.liquibase.database-change-log-table";

	private static final String VALIDATION = "chanuka.database.validation";

	private static final String BACKUP = "chanuka.database.backup";

	@Bean
	@ConditionalOnMissingBean
	DatabaseStatusService chanukaDatabaseStatusService(DatabaseSettings settings, DatabaseTopology topology,
			ReplicaEligibility eligibility, ChanukaDatabaseProperties properties,
			ObjectProvider<ConnectionGuard> guard, ObjectProvider<QueryStatistics> queries,
			ObjectProvider<RetryStatistics> retries, ObjectProvider<AlertEvaluator> alerts,
			ObjectProvider<BackupSchedule> backupSchedule, ObjectProvider<SessionInspector> sessions) {
		return new DatabaseStatusService(settings, topology, eligibility,
				properties.getRouting().getMaxReplicationLag(), guard::getIfAvailable,
				() -> {
					QueryStatistics statistics = queries.getIfAvailable();
					return (statistics != null) ? statistics.totals() : null;
				}, () -> {
					RetryStatistics statistics = retries.getIfAvailable();
					return (statistics != null) ? statistics.totalRetries() : null;
				}, () -> {
					AlertEvaluator evaluator = alerts.getIfAvailable();
					return (evaluator != null) ? evaluator.activeAlerts() : null;
				}, () -> {
					BackupSchedule schedule = backupSchedule.getIfAvailable();
					return (schedule != null) ? schedule.consecutiveFailures() : 0;
				}, sessions::getIfAvailable);
	}

	@Bean
	@ConditionalOnMissingBean
	SessionInspector chanukaSessionInspector(DatabaseTopology topology, ChanukaDatabaseProperties properties) {
		ChanukaDatabaseProperties.Monitoring monitoring = properties.getMonitoring();
		return new SessionInspector(topology,
				notNegative("chanuka.database.monitoring.long-query-threshold", monitoring.getLongQueryThreshold()),
				notNegative("chanuka.database.monitoring.idle-in-transaction-threshold",
						monitoring.getIdleInTransactionThreshold()),
				properties.getHealth().getTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	ArchiveModeCheck chanukaArchiveModeCheck(DatabaseTopology topology, DatabaseSettings settings) {
		return new ArchiveModeCheck(topology.primary().dataSource(), settings.environment());
	}

	@Bean
	@ConditionalOnMissingBean
	SchemaValidator chanukaSchemaValidator(DatabaseTopology topology, ObjectProvider<DataValidationRule> rules,
			ObjectProvider<ValidationCheck> checks, Environment environment, ChanukaDatabaseProperties properties) {
		// Liquibase's changelog table has no primary key by design
		List<String> ignoredTables = List.of("databasechangelog",
				environment.getProperty(LIQUIBASE_CHANGELOG_TABLE, "databasechangelog"));
		return new SchemaValidator(topology.primary().dataSource(), rules.orderedStream().toList(),
				checks.orderedStream().toList(), ignoredTables,
				positive(VALIDATION + ".statement-timeout", properties.getValidation().getStatementTimeout(), "30s"));
	}

	@Bean
	@ConditionalOnMissingBean
	ValidationReports chanukaValidationReports(SchemaValidator validator, ChanukaDatabaseProperties properties) {
		ChanukaDatabaseProperties.Validation validation = properties.getValidation();
		Duration timeToLive = validation.getCacheTimeToLive();
		if (timeToLive == null || timeToLive.isNegative()) {
			throw new InvalidDatabaseConfigurationException(VALIDATION + ".cache-time-to-live",
					String.valueOf(timeToLive), "The time a validation report is reused cannot be negative",
					"Set " + VALIDATION + ".cache-time-to-live to a duration such as 5s.");
		}
		return new ValidationReports(validator, validation.isShowValues(), timeToLive);
	}

	@Bean
	@ConditionalOnMissingBean
	DatabaseSetup chanukaDatabaseSetup(DatabaseTopology topology, ChanukaDatabaseProperties properties) {
		ChanukaDatabaseProperties.Setup setup = properties.getSetup();
		ChanukaDatabaseProperties.Setup.ApplicationRole role = setup.getApplicationRole();
		return new DatabaseSetup(topology.primary().dataSource(),
				new SetupDeclaration(setup.isCreateDatabase(), List.copyOf(setup.getExtensions()), role.getName(),
						role.getPassword(), List.copyOf(role.getSchemas())));
	}

	@Bean
	@ConditionalOnMissingBean
	StatementStatistics chanukaStatementStatistics(DatabaseTopology topology) {
		return new StatementStatistics(topology.primary().dataSource());
	}

	@Bean
	@ConditionalOnMissingBean
	IndexAdvisor chanukaIndexAdvisor(DatabaseTopology topology) {
		return new IndexAdvisor(topology.primary().dataSource());
	}

	@Bean
	@ConditionalOnMissingBean
	BackupOperations chanukaBackupOperations(DatabaseTopology topology, DatabaseSettings settings,
			ChanukaDatabaseProperties properties) {
		ChanukaDatabaseProperties.Backup backup = properties.getBackup();
		positive(BACKUP + ".timeout", backup.getTimeout(), "1h");
		positive(BACKUP + ".lock-wait-timeout", backup.getLockWaitTimeout(), "30s");
		return new BackupOperations(topology.primary(), OperationsBackupSettings.resolve(backup),
				DestructiveOperationGuard.of(settings));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "chanuka.database.backup.schedule")
	BackupSchedule chanukaBackupSchedule(BackupOperations backups, ChanukaDatabaseProperties properties,
			ObjectProvider<ApplicationArguments> arguments, ObjectProvider<BackupListener> listeners) {
		ChanukaDatabaseProperties.Backup backup = properties.getBackup();
		OperationsBackupSettings.validateSchedule(backup);
		BackupSchedule schedule = new BackupSchedule(backups,
				Objects.requireNonNull(backup.getDirectory(), "validated above"),
				Objects.requireNonNull(backup.getSchedule(), "validated above"), backup.getRetention(),
				listeners.orderedStream().toList());
		ApplicationArguments applicationArguments = arguments.getIfAvailable();
		if (applicationArguments != null
				&& DatabaseCommandArguments.isDatabaseCommand(applicationArguments.getSourceArgs())) {
			schedule.setAutoStartup(false);
		}
		return schedule;
	}

	static Duration positive(String key, @Nullable Duration value, String example) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidDatabaseConfigurationException(key, String.valueOf(value), "The timeout must be positive",
					"Set " + key + " to a duration such as " + example + ".");
		}
		return value;
	}

	private static Duration notNegative(String key, Duration value) {
		if (value.isNegative()) {
			throw new InvalidDatabaseConfigurationException(key, DurationStyle.SIMPLE.print(value),
					"A threshold cannot be negative", "Set " + key + " to a duration such as 30s.");
		}
		return value;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ SpringLiquibase.class, LiquibaseProperties.class })
	static class MigrationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MigrationOperations chanukaMigrationOperations(DatabaseTopology topology, DatabaseSettings settings,
				Environment environment, ResourceLoader resourceLoader) {
			LiquibaseProperties liquibase = Binder.get(environment)
				.bind("spring.liquibase", LiquibaseProperties.class)
				.orElseGet(LiquibaseProperties::new);
			return new MigrationOperations(topology.primary(), settings, liquibase, resourceLoader);
		}

		@Bean
		@ConditionalOnMissingBean
		ChangelogValidationCheck chanukaChangelogValidationCheck(MigrationOperations migrations,
				ResourceLoader resourceLoader) {
			return new ChangelogValidationCheck(migrations, resourceLoader);
		}

	}

}
