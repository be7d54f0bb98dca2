package io.github.chanuka.database.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import io.github.chanuka.database.ops.backup.BackupOperations;
import io.github.chanuka.database.ops.backup.BackupSchedule;
import io.github.chanuka.database.ops.migration.ChangelogValidationCheck;
import io.github.chanuka.database.ops.migration.MigrationOperations;
import io.github.chanuka.database.ops.schema.IndexAdvisor;
import io.github.chanuka.database.ops.schema.SchemaValidator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of the operations behind the {@code db} commands.
 */
class ChanukaOperationsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChanukaDataSourceAutoConfiguration.class,
				ChanukaOperationsAutoConfiguration.class))
		.withPropertyValues("chanuka.database.url=jdbc:postgresql://localhost:1/bills",
				"chanuka.database.username=app", "chanuka.database.password=secret");

	@Test
	void operationsAreDefinedWithoutTouchingTheDatabase() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(SchemaValidator.class)
				.hasSingleBean(IndexAdvisor.class)
				.hasSingleBean(MigrationOperations.class)
				.hasSingleBean(ChangelogValidationCheck.class)
				.hasSingleBean(BackupOperations.class)
				.doesNotHaveBean(BackupSchedule.class);
			assertThat(context).hasBean("chanukaSchemaValidator").hasBean("chanukaIndexAdvisor");
		});
	}

	@Test
	void applicationBeansReplaceTheirs() {
		this.runner.withBean("myValidator", SchemaValidator.class, () -> new SchemaValidator(new SimpleDriverDataSource(),
				List.of(), List.of(), List.of()))
			.run((context) -> assertThat(context).hasSingleBean(SchemaValidator.class).hasBean("myValidator"));
	}

	@Test
	void nothingIsDefinedWhenTheStarterIsSwitchedOff() {
		this.runner.withPropertyValues("chanuka.database.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SchemaValidator.class)
				.doesNotHaveBean(BackupOperations.class));
	}

	@Test
	void nothingIsDefinedWhenTheApplicationHasItsOwnDataSource() {
		this.runner.withBean(DataSource.class, SimpleDriverDataSource::new)
			.run((context) -> assertThat(context).doesNotHaveBean(IndexAdvisor.class)
				.doesNotHaveBean(MigrationOperations.class));
	}

	@Test
	void migrationOperationsNeedLiquibase() {
		this.runner.withClassLoader(new FilteredClassLoader("liquibase", "org.springframework.boot.liquibase"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MigrationOperations.class)
				.doesNotHaveBean(ChangelogValidationCheck.class)
				.hasSingleBean(SchemaValidator.class));
	}

	@Test
	void aBackupScheduleStartsWithTheApplication() {
		this.runner
			.withPropertyValues("chanuka.database.backup.schedule=0 0 3 * * *",
					"chanuka.database.backup.directory=target/backups")
			.run((context) -> {
				assertThat(context).hasSingleBean(BackupSchedule.class);
				assertThat(context.getBean(BackupSchedule.class).isAutoStartup()).isTrue();
				assertThat(context.getBean(BackupSchedule.class).isRunning()).isTrue();
			});
	}

	@Test
	void aBackupScheduleStaysStillWhileADatabaseCommandRuns() {
		this.runner
			.withPropertyValues("chanuka.database.backup.schedule=@daily",
					"chanuka.database.backup.directory=target/backups")
			.withBean(ApplicationArguments.class, () -> new DefaultApplicationArguments("db", "status"))
			.run((context) -> {
				assertThat(context.getBean(BackupSchedule.class).isAutoStartup()).isFalse();
				assertThat(context.getBean(BackupSchedule.class).isRunning()).isFalse();
			});
	}

	@Test
	void aScheduleThatIsNotCronFailsNamingTheKeyAndTheFormat() {
		this.runner
			.withPropertyValues("chanuka.database.backup.schedule=every night",
					"chanuka.database.backup.directory=target/backups")
			.run((context) -> {
				InvalidDatabaseConfigurationException failure = startupFailure(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("chanuka.database.backup.schedule");
				assertThat(failure.getValue()).isEqualTo("every night");
				FailureAnalysis analysis = new InvalidDatabaseConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Property: chanuka.database.backup.schedule",
						"Value: every night");
				assertThat(analysis.getAction()).contains("'0 0 3 * * *'");
			});
	}

	@Test
	void aScheduleWithoutADirectoryFailsNamingTheDirectoryKey() {
		this.runner.withPropertyValues("chanuka.database.backup.schedule=@daily")
			.run((context) -> assertThat(startupFailure(context.getStartupFailure()).getProperty())
				.isEqualTo("chanuka.database.backup.directory"));
	}

	@Test
	void aScheduleThatKeepsNoBackupFailsNamingTheRetentionKey() {
		this.runner
			.withPropertyValues("chanuka.database.backup.schedule=@daily",
					"chanuka.database.backup.directory=target/backups", "chanuka.database.backup.retention=0")
			.run((context) -> {
				InvalidDatabaseConfigurationException failure = startupFailure(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("chanuka.database.backup.retention");
				assertThat(failure.getAction()).contains("1 or more");
			});
	}

	private static InvalidDatabaseConfigurationException startupFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidDatabaseConfigurationException invalid) {
				return invalid;
			}
		}
		throw new AssertionError("No InvalidDatabaseConfigurationException in " + failure);
	}

}
