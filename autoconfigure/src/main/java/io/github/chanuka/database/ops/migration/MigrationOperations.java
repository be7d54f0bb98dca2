package io.github.chanuka.database.ops.migration;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import io.github.chanuka.database.DatabaseEnvironment;
import io.github.chanuka.database.InvalidDatabaseConfigurationException;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.ops.DestructiveOperationGuard;
import io.github.chanuka.database.ops.DestructiveOperationRefusedException;
import io.github.chanuka.database.pool.DatabaseSettings;
import liquibase.CatalogAndSchema;
import liquibase.Liquibase;
import liquibase.TagVersionEnum;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;
import liquibase.changelog.filter.AfterTagChangeSetFilter;
import liquibase.exception.DatabaseException;
import liquibase.exception.LiquibaseException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.liquibase.autoconfigure.LiquibaseProperties;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.StringUtils;

/**
 * Liquibase operations on the primary, never through the read/write router: status,
 * migration, rollback and reset, each with the application's {@code spring.liquibase.*}
 * settings. Behind {@code db migrate}, {@code db status}, {@code db rollback} and
 * {@code db reset}.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class MigrationOperations {

	private static final String SCHEMA_OBJECTS = """
			select format('%s %I.%I', case c.relkind when 'r' then 'table' when 'p' then 'table' when 'v' then 'view'
			       when 'm' then 'materialized view' when 'S' then 'sequence' else 'foreign table' end, n.nspname, c.relname)
			from pg_class c
			join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = ? and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
			order by c.relkind, c.relname
			""";

	private final LiquibaseRunner liquibase;

	private final JdbcTemplate jdbc;

	private final DatabaseEnvironment environment;

	private final String environmentOrigin;

	private final DestructiveOperationGuard guard;

	/**
	 * Create the operations.
	 * @param primary the primary node
	 * @param settings the database settings, for the environment
	 * @param properties the application's Liquibase properties
	 * @param resourceLoader loads the changelog
	 */
	public MigrationOperations(DatabaseNode primary, DatabaseSettings settings, LiquibaseProperties properties,
			ResourceLoader resourceLoader) {
		this.liquibase = new LiquibaseRunner(primary.dataSource(), primary.maskedUrl(), properties, resourceLoader);
		this.jdbc = new JdbcTemplate(primary.dataSource());
		this.environment = settings.environment();
		this.environmentOrigin = settings.environmentOrigin();
		this.guard = DestructiveOperationGuard.of(settings);
	}

	/**
	 * Return the applied and pending changesets.
	 * @return the status
	 */
	public MigrationStatus status() {
		return this.liquibase.run("reading the migration status of", (liquibase) -> {
			List<ChangeSetInfo> applied = applied(liquibase).stream().map(ChangeSetInfo::of).toList();
			List<ChangeSetInfo> pending = liquibase.listUnrunChangeSets(this.liquibase.contexts(), this.liquibase.labels(), false)
				.stream()
				.map(ChangeSetInfo::of)
				.toList();
			List<ChangeSetInfo> unexpected = unexpected(liquibase).stream().map(ChangeSetInfo::of).toList();
			return new MigrationStatus(this.liquibase.changeLog(), this.liquibase.database(), applied, pending,
					unexpected);
		});
	}

	/**
	 * Apply the pending changesets, or, on a dry run, return the SQL that would apply
	 * them.
	 * @param dryRun whether to leave the database untouched
	 * @return the changesets and, on a dry run, the SQL
	 */
	public MigrationResult migrate(boolean dryRun) {
		return this.liquibase.run(dryRun ? "generating the migration SQL for" : "migrating", (liquibase) -> {
			List<ChangeSetInfo> pending = liquibase.listUnrunChangeSets(this.liquibase.contexts(), this.liquibase.labels(), false)
				.stream()
				.map(ChangeSetInfo::of)
				.toList();
			if (dryRun) {
				StringWriter sql = new StringWriter();
				liquibase.updateSql(this.liquibase.contexts(), this.liquibase.labels(), sql);
				return result(true, pending, sql.toString());
			}
			liquibase.update(this.liquibase.contexts(), this.liquibase.labels());
			return result(false, pending, null);
		});
	}

	/**
	 * Roll back the last changesets applied.
	 * @param count how many, 1 or more
	 * @param dryRun whether to return the SQL only
	 * @return the changesets rolled back and, on a dry run, the SQL
	 */
	public MigrationResult rollbackCount(int count, boolean dryRun) {
		if (count < 1) {
			throw new IllegalArgumentException("count must be 1 or more, was " + count);
		}
		return this.liquibase.run(dryRun ? "generating the rollback SQL for" : "rolling back", (liquibase) -> {
			List<RanChangeSet> applied = applied(liquibase);
			if (count > applied.size()) {
				throw new InvalidDatabaseConfigurationException("--count", String.valueOf(count),
						"Only " + applied.size() + " changeset(s) are applied to " + this.liquibase.database(),
						"Roll back at most " + applied.size() + " changeset(s); see them with 'db status'");
			}
			List<ChangeSetInfo> rolledBack = newestFirst(applied.subList(applied.size() - count, applied.size()));
			if (dryRun) {
				StringWriter sql = new StringWriter();
				liquibase.rollback(count, null, this.liquibase.contexts(), this.liquibase.labels(), sql);
				return result(true, rolledBack, sql.toString());
			}
			liquibase.rollback(count, null, this.liquibase.contexts(), this.liquibase.labels());
			return result(false, rolledBack, null);
		});
	}

	/**
	 * Roll back every changeset applied after a tag.
	 * @param tag the tag
	 * @param dryRun whether to return the SQL only
	 * @return the changesets rolled back and, on a dry run, the SQL
	 */
	public MigrationResult rollbackToTag(String tag, boolean dryRun) {
		return this.liquibase.run(dryRun ? "generating the rollback SQL for" : "rolling back", (liquibase) -> {
			List<RanChangeSet> applied = applied(liquibase);
			List<String> tags = applied.stream().map(RanChangeSet::getTag).filter(Objects::nonNull).toList();
			if (!tags.contains(tag)) {
				throw new InvalidDatabaseConfigurationException("--tag", tag,
						"No applied changeset of " + this.liquibase.database() + " carries this tag",
						tags.isEmpty() ? "Tag a deployment first (a tagDatabase change, or spring.liquibase.tag)"
								: "Use one of the tags " + String.join(", ", tags));
			}
			AfterTagChangeSetFilter afterTag = new AfterTagChangeSetFilter(tag, applied, TagVersionEnum.OLDEST,
					liquibase.getDatabaseChangeLog());
			List<ChangeSet> changeLog = liquibase.getDatabaseChangeLog().getChangeSets();
			List<RanChangeSet> rolledBackInOrder = applied.stream()
				.filter((ran) -> changeLog.stream()
					.anyMatch((changeSet) -> ran.isSameAs(changeSet) && afterTag.accepts(changeSet).isAccepted()))
				.toList();
			List<ChangeSetInfo> rolledBack = newestFirst(rolledBackInOrder);
			if (dryRun) {
				StringWriter sql = new StringWriter();
				liquibase.rollback(tag, null, this.liquibase.contexts(), this.liquibase.labels(), sql);
				return result(true, rolledBack, sql.toString());
			}
			liquibase.rollback(tag, null, this.liquibase.contexts(), this.liquibase.labels());
			return result(false, rolledBack, null);
		});
	}

	/**
	 * Return what {@link #reset(String)} would drop and apply.
	 * @return the plan
	 * @throws ResetRefusedException in staging and production
	 */
	public ResetPlan planReset() {
		refuseOutsideDevelopmentAndTest();
		return this.liquibase.run("planning the reset of", (liquibase) -> {
			String schema = schema();
			List<ChangeSetInfo> changeSets = liquibase.getDatabaseChangeLog()
				.getChangeSets()
				.stream()
				.map(ChangeSetInfo::of)
				.toList();
			return new ResetPlan(this.environment.displayName(), this.liquibase.database(), schema,
					this.jdbc.queryForList(SCHEMA_OBJECTS, String.class, schema), changeSets);
		});
	}

	/**
	 * Drop every object in the schema Liquibase migrates, then apply the whole
	 * changelog again, if {@link DestructiveOperationGuard} allows it: the caller names
	 * the primary's database, and the environment is an explicit development or test one
	 * or the primary is on this machine.
	 * @param confirmedDatabase the name of the primary's database, confirming it is the
	 * intended one
	 * @return what was dropped and applied
	 * @throws DestructiveOperationRefusedException when the guard refuses the reset
	 */
	// the works return null: LiquibaseWork<@Nullable T> needs NullAway's JSpecify mode (JDK 22+)
	@SuppressWarnings("NullAway")
	public ResetPlan reset(String confirmedDatabase) {
		this.guard.check("db reset", confirmedDatabase);
		ResetPlan plan = planReset();
		this.liquibase.run("dropping the objects of", (liquibase) -> {
			liquibase.dropAll(new CatalogAndSchema(null, plan.schema()));
			return null;
		});
		this.liquibase.run("migrating", (liquibase) -> {
			liquibase.update(this.liquibase.contexts(), this.liquibase.labels());
			return null;
		});
		return plan;
	}

	private void refuseOutsideDevelopmentAndTest() {
		if (this.environment == DatabaseEnvironment.STAGING || this.environment == DatabaseEnvironment.PRODUCTION) {
			throw new ResetRefusedException("db reset is refused in " + this.environment.displayName()
					+ " (environment from " + this.environmentOrigin + "): it drops every object in the schema of "
					+ this.liquibase.database() + ". It runs only in development and test environments;"
					+ " to undo recent changesets here, use 'db rollback' instead.");
		}
	}

	String schema() {
		String schema = this.liquibase.defaultSchema();
		if (StringUtils.hasText(schema)) {
			return schema;
		}
		String current = this.jdbc.queryForObject("select current_schema()", String.class);
		if (current == null) {
			// Liquibase would fall back to its own default schema, which the plan never listed
			throw new InvalidDatabaseConfigurationException("spring.liquibase.default-schema", null,
					"No schema on the search_path of " + this.liquibase.database()
							+ " exists, so the schema Liquibase migrates is unknown",
					"Set spring.liquibase.default-schema to the schema Liquibase migrates, or create the schema"
							+ " the search_path names (SHOW search_path)");
		}
		return current;
	}

	private MigrationResult result(boolean dryRun, List<ChangeSetInfo> changeSets, @Nullable String sql) {
		return new MigrationResult(this.liquibase.changeLog(), this.liquibase.database(), dryRun, changeSets, sql);
	}

	private static List<RanChangeSet> applied(Liquibase liquibase) throws DatabaseException {
		return liquibase.getDatabase().getRanChangeSetList();
	}

	/**
	 * Return the changesets recorded as applied that the changelog no longer holds,
	 * without validating the changelog.
	 */
	static List<RanChangeSet> unexpected(Liquibase liquibase) throws LiquibaseException {
		List<ChangeSet> changeLog = liquibase.getDatabaseChangeLog().getChangeSets();
		return applied(liquibase).stream()
			.filter((ran) -> changeLog.stream().noneMatch(ran::isSameAs))
			.toList();
	}

	private static List<ChangeSetInfo> newestFirst(List<RanChangeSet> changeSets) {
		List<ChangeSetInfo> newestFirst = new ArrayList<>(changeSets.stream().map(ChangeSetInfo::of).toList());
		Collections.reverse(newestFirst);
		return newestFirst;
	}

	LiquibaseRunner runner() {
		return this.liquibase;
	}

}
