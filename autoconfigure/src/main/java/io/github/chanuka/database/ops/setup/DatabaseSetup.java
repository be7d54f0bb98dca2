package io.github.chanuka.database.ops.setup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

/**
 * Creates what the application declares when it is missing, and only then: the
 * primary's database, extensions in it, and a least-privilege login role that may read
 * and change the rows of the declared schemas (including tables created later by the
 * user running it, through default privileges). Connects directly to the primary's
 * server as the configured user, to the {@code postgres} database while the primary's
 * may not exist yet. A second run finds everything in place and changes nothing.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class DatabaseSetup {

	private static final String MAINTENANCE_DATABASE = "postgres";

	private static final String TABLE_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE";

	private static final String SEQUENCE_PRIVILEGES = "USAGE, SELECT";

	private final HikariDataSource primary;

	private final SetupDeclaration declaration;

	/**
	 * Create a setup.
	 * @param primary the primary's pool, whose URL, user and connection properties are
	 * used for direct connections
	 * @param declaration what to create
	 */
	public DatabaseSetup(HikariDataSource primary, SetupDeclaration declaration) {
		this.primary = primary;
		this.declaration = declaration;
	}

	/**
	 * Return the primary's database name.
	 * @return the name
	 */
	public String databaseName() {
		Properties url = org.postgresql.Driver.parseURL(this.primary.getJdbcUrl(), null);
		String name = (url != null) ? url.getProperty("PGDBNAME") : null;
		if (name == null || name.isBlank()) {
			throw new SetupException("The primary's URL names no database",
					"Put the database name in chanuka.database.url, such as jdbc:postgresql://localhost/bills",
					new IllegalStateException("no database in the URL"));
		}
		return name;
	}

	/**
	 * Check everything declared and create what is missing.
	 * @param dryRun whether to only report what would be created
	 * @return what was checked and done
	 */
	public SetupResult run(boolean dryRun) {
		String database = databaseName();
		List<SetupStep> steps = new ArrayList<>();
		boolean databaseExists;
		try (Connection maintenance = connect(MAINTENANCE_DATABASE)) {
			databaseExists = exists(maintenance, "select 1 from pg_database where datname = ?", database);
			if (this.declaration.createDatabase() || !databaseExists) {
				steps.add(apply(maintenance, "database " + database, databaseExists,
						"CREATE DATABASE " + quote(database), null, dryRun));
			}
			if (this.declaration.roleName() != null) {
				String role = this.declaration.roleName();
				boolean roleExists = exists(maintenance, "select 1 from pg_roles where rolname = ?", role);
				String password = this.declaration.rolePassword();
				String create = "CREATE ROLE " + quote(role) + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE";
				steps.add(apply(maintenance, "role " + role, roleExists,
						(password != null) ? create + " PASSWORD " + literal(password) : create,
						(password != null) ? create + " PASSWORD '******'" : create, dryRun));
			}
		}
		catch (SQLException ex) {
			throw failure("could not check the database and role on the primary's server", ex);
		}
		if (!databaseExists && dryRun) {
			this.declaration.extensions()
				.forEach((extension) -> steps.add(new SetupStep("extension " + extension,
						SetupStep.Outcome.WOULD_CREATE, createExtension(extension))));
			grantsOnMissing(database, steps);
			return new SetupResult(database, true, List.copyOf(steps));
		}
		try (Connection target = connect(database)) {
			for (String extension : this.declaration.extensions()) {
				steps.add(apply(target, "extension " + extension,
						exists(target, "select 1 from pg_extension where extname = ?", extension),
						createExtension(extension), null, dryRun));
			}
			if (this.declaration.roleName() != null) {
				grants(target, database, this.declaration.roleName(), steps, dryRun);
			}
		}
		catch (SQLException ex) {
			throw failure("could not set up database " + database, ex);
		}
		return new SetupResult(database, dryRun, List.copyOf(steps));
	}

	private void grants(Connection target, String database, String role, List<SetupStep> steps, boolean dryRun)
			throws SQLException {
		boolean roleExists = exists(target, "select 1 from pg_roles where rolname = ?", role);
		if (!roleExists) {
			grantsOnMissing(database, steps);
			return;
		}
		String quoted = quote(role);
		steps.add(apply(target, "connect on database " + database + " for " + role,
				check(target, "select has_database_privilege(?, current_database(), 'CONNECT')", role),
				"GRANT CONNECT ON DATABASE " + quote(database) + " TO " + quoted, null, dryRun));
		for (String schema : this.declaration.roleSchemas()) {
			if (!exists(target, "select 1 from pg_namespace where nspname = ?", schema)) {
				throw new SetupException("Schema " + schema + " does not exist in database " + database,
						"Create it (or let your migrations create it), or correct"
								+ " chanuka.database.setup.application-role.schemas",
						new IllegalStateException("no schema " + schema));
			}
			String s = quote(schema);
			steps.add(apply(target, "usage on schema " + schema + " for " + role,
					check(target, "select has_schema_privilege(?, ?, 'USAGE')", role, schema),
					"GRANT USAGE ON SCHEMA " + s + " TO " + quoted, null, dryRun));
			// PostgreSQL 14 and earlier let every role (PUBLIC) create in schema public; 15 made that
			// the owner's alone. The user running setup keeps CREATE, for its migrations.
			steps.add(apply(target, "no CREATE on schema " + schema + " for " + role,
					!check(target, "select has_schema_privilege(?, ?, 'CREATE')", role, schema),
					"GRANT CREATE ON SCHEMA " + s + " TO CURRENT_USER; REVOKE CREATE ON SCHEMA " + s
							+ " FROM PUBLIC; REVOKE CREATE ON SCHEMA " + s + " FROM " + quoted,
					null, dryRun));
			steps.add(apply(target, "table privileges in schema " + schema + " for " + role,
					!exists(target, """
							select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
							where n.nspname = ? and c.relkind in ('r', 'p', 'v', 'f')
							  and not (has_table_privilege(?, c.oid, 'SELECT')
							       and has_table_privilege(?, c.oid, 'INSERT')
							       and has_table_privilege(?, c.oid, 'UPDATE')
							       and has_table_privilege(?, c.oid, 'DELETE'))
							""", schema, role, role, role, role),
					"GRANT " + TABLE_PRIVILEGES + " ON ALL TABLES IN SCHEMA " + s + " TO " + quoted, null, dryRun));
			steps.add(apply(target, "sequence privileges in schema " + schema + " for " + role,
					!exists(target, """
							select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
							where n.nspname = ? and c.relkind = 'S'
							  and not (has_sequence_privilege(?, c.oid, 'USAGE')
							       and has_sequence_privilege(?, c.oid, 'SELECT'))
							""", schema, role, role),
					"GRANT " + SEQUENCE_PRIVILEGES + " ON ALL SEQUENCES IN SCHEMA " + s + " TO " + quoted, null,
					dryRun));
			steps.add(apply(target, "default table privileges in schema " + schema + " for " + role,
					defaultPrivileges(target, schema, role, "r") == 4, "ALTER DEFAULT PRIVILEGES IN SCHEMA " + s
							+ " GRANT " + TABLE_PRIVILEGES + " ON TABLES TO " + quoted,
					null, dryRun));
			steps.add(apply(target, "default sequence privileges in schema " + schema + " for " + role,
					defaultPrivileges(target, schema, role, "S") == 2, "ALTER DEFAULT PRIVILEGES IN SCHEMA " + s
							+ " GRANT " + SEQUENCE_PRIVILEGES + " ON SEQUENCES TO " + quoted,
					null, dryRun));
		}
	}

	private void grantsOnMissing(String database, List<SetupStep> steps) {
		String role = this.declaration.roleName();
		if (role == null) {
			return;
		}
		steps.add(new SetupStep("privileges of " + role + " in database " + database, SetupStep.Outcome.WOULD_CREATE,
				"GRANT CONNECT, USAGE and " + TABLE_PRIVILEGES + " (with default privileges) in schemas "
						+ String.join(", ", this.declaration.roleSchemas())));
	}

	private static int defaultPrivileges(Connection connection, String schema, String role, String type)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("""
				select count(distinct a.privilege_type)
				from pg_default_acl d join pg_namespace n on n.oid = d.defaclnamespace, aclexplode(d.defaclacl) a
				where d.defaclrole = (select oid from pg_roles where rolname = current_user)
				  and n.nspname = ? and d.defaclobjtype = ?::"char"
				  and a.grantee = (select oid from pg_roles where rolname = ?)
				  and a.privilege_type in ('SELECT', 'INSERT', 'UPDATE', 'DELETE', 'USAGE')
				""")) {
			statement.setString(1, schema);
			statement.setString(2, type);
			statement.setString(3, role);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
	}

	private static SetupStep apply(Connection connection, String object, boolean present, String sql,
			@Nullable String shown, boolean dryRun) throws SQLException {
		String printable = (shown != null) ? shown : sql;
		if (present) {
			return new SetupStep(object, SetupStep.Outcome.EXISTS, null);
		}
		if (dryRun) {
			return new SetupStep(object, SetupStep.Outcome.WOULD_CREATE, printable);
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new SetupException("could not create " + object + " (" + printable + "): " + ex.getMessage(),
					"Run db setup as a user allowed to create it (CREATEDB, CREATEROLE, or the owner of the database),"
							+ " for example with --chanuka.database.username=<admin user>, or create it yourself",
					ex);
		}
		return new SetupStep(object, SetupStep.Outcome.CREATED, printable);
	}

	private static boolean exists(Connection connection, String sql, String... parameters) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			try (ResultSet result = statement.executeQuery()) {
				return result.next();
			}
		}
	}

	private static boolean check(Connection connection, String sql, String... parameters) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	private Connection connect(String database) throws SQLException {
		Properties url = Objects.requireNonNull(org.postgresql.Driver.parseURL(this.primary.getJdbcUrl(), null),
				"The primary's URL was accepted by its pool");
		String[] hosts = url.getProperty("PGHOST", "localhost").split(",");
		String[] ports = url.getProperty("PGPORT", "5432").split(",");
		StringBuilder hostSpec = new StringBuilder();
		for (int i = 0; i < hosts.length; i++) {
			String host = hosts[i].contains(":") ? "[" + hosts[i] + "]" : hosts[i];
			hostSpec.append((i > 0) ? "," : "").append(host).append(':').append(ports[Math.min(i, ports.length - 1)]);
		}
		Properties properties = new Properties();
		properties.putAll(this.primary.getDataSourceProperties());
		url.stringPropertyNames()
			.stream()
			.filter((name) -> !name.equals("PGHOST") && !name.equals("PGPORT") && !name.equals("PGDBNAME"))
			.forEach((name) -> properties.setProperty(name, url.getProperty(name)));
		if (this.primary.getUsername() != null) {
			properties.setProperty("user", this.primary.getUsername());
		}
		if (this.primary.getPassword() != null) {
			properties.setProperty("password", this.primary.getPassword());
		}
		properties.setProperty("ApplicationName", "chanuka-db-setup");
		return new org.postgresql.Driver().connect("jdbc:postgresql://" + hostSpec + "/" + encode(database),
				properties);
	}

	private static String encode(String database) {
		return java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String createExtension(String extension) {
		return "CREATE EXTENSION IF NOT EXISTS " + quote(extension);
	}

	private SetupException failure(String what, SQLException ex) {
		return new SetupException(what + ": " + ex.getMessage(),
				"Check that the primary's server is reachable with the configured credentials and that the user may"
						+ " connect to the postgres database",
				ex);
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	private static String literal(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

}
