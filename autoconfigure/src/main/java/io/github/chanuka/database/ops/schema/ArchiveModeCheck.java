package io.github.chanuka.database.ops.schema;

import java.util.List;

import javax.sql.DataSource;

import io.github.chanuka.database.DatabaseEnvironment;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reports a production primary that does not archive its WAL ({@code archive_mode} off):
 * it can be brought back only to its last backup, not to a point in time. A warning, not
 * an error: point-in-time recovery is PostgreSQL's job (pgBackRest, WAL-G), which the
 * application may rightly leave to its platform. Other environments are not checked.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class ArchiveModeCheck implements ValidationCheck {

	private final JdbcTemplate jdbc;

	private final DatabaseEnvironment environment;

	/**
	 * Create the check.
	 * @param primary the primary
	 * @param environment the environment the application runs in
	 */
	public ArchiveModeCheck(DataSource primary, DatabaseEnvironment environment) {
		this.jdbc = new JdbcTemplate(primary);
		this.environment = environment;
	}

	@Override
	public String name() {
		return "archive-mode";
	}

	@Override
	public List<ValidationFinding> check() {
		if (this.environment != DatabaseEnvironment.PRODUCTION) {
			return List.of();
		}
		String mode = this.jdbc.queryForObject("select current_setting('archive_mode')", String.class);
		if (!"off".equals(mode)) {
			return List.of();
		}
		return List.of(new ValidationFinding(name(), Severity.WARNING, "archive_mode",
				"archive_mode is off on the production primary: its WAL is not archived, so it can be restored to"
						+ " its last backup only, not to a point in time",
				"Set up continuous WAL archiving with pgBackRest or WAL-G (archive_mode = on and the tool's"
						+ " archive_command; changing archive_mode needs a restart), see the README's backup section"));
	}

}
