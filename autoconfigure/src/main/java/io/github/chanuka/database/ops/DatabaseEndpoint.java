package io.github.chanuka.database.ops;

import io.github.chanuka.database.ops.schema.IndexAdvisor;
import io.github.chanuka.database.ops.schema.ValidationReports;
import io.github.chanuka.database.ops.session.SessionInspector;
import io.github.chanuka.database.ops.statements.StatementOrder;
import io.github.chanuka.database.ops.statements.StatementStatistics;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code database} actuator endpoint: {@code /actuator/database} serves the
 * {@link DatabaseStatus} report, {@code /actuator/database/indexes} the index advice and
 * {@code /actuator/database/validation} the schema checks (both query the primary's
 * catalog when called). Validation runs one evaluation at a time, reuses its report for
 * a few seconds and shows counts and identifiers, not row values, unless
 * {@code chanuka.database.validation.show-values} allows them.
 * {@code /actuator/database/sessions} shows what every node's sessions are doing,
 * {@code /actuator/database/queries} the top statements from {@code pg_stat_statements}.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@Endpoint(id = "database")
public class DatabaseEndpoint {

	private final DatabaseStatusService status;

	private final ObjectProvider<IndexAdvisor> indexAdvisor;

	private final ObjectProvider<ValidationReports> validationReports;

	private final ObjectProvider<SessionInspector> sessionInspector;

	private final ObjectProvider<StatementStatistics> statementStatistics;

	/**
	 * Create an endpoint.
	 * @param status builds the report
	 * @param indexAdvisor gives index advice, when the operations are on
	 * @param validationReports checks the schema, when the operations are on
	 * @param sessionInspector inspects every node's sessions, when the operations are on
	 * @param statementStatistics reads pg_stat_statements, when the operations are on
	 */
	public DatabaseEndpoint(DatabaseStatusService status, ObjectProvider<IndexAdvisor> indexAdvisor,
			ObjectProvider<ValidationReports> validationReports, ObjectProvider<SessionInspector> sessionInspector,
			ObjectProvider<StatementStatistics> statementStatistics) {
		this.status = status;
		this.indexAdvisor = indexAdvisor;
		this.validationReports = validationReports;
		this.sessionInspector = sessionInspector;
		this.statementStatistics = statementStatistics;
	}

	/**
	 * Return the state of the database layer.
	 * @return the report
	 */
	@ReadOperation
	public DatabaseStatus database() {
		return this.status.status();
	}

	/**
	 * Return one of the catalog reports.
	 * @param report {@code indexes}, {@code validation}, {@code sessions} or
	 * {@code queries}
	 * @return the report, or {@code null} (404) for another name or when operations are
	 * off
	 */
	@ReadOperation
	public @Nullable Object report(@Selector String report) {
		return switch (report) {
			case "indexes" -> {
				IndexAdvisor advisor = this.indexAdvisor.getIfAvailable();
				yield (advisor != null) ? advisor.advise() : null;
			}
			case "validation" -> {
				ValidationReports reports = this.validationReports.getIfAvailable();
				yield (reports != null) ? reports.report() : null;
			}
			case "sessions" -> {
				SessionInspector inspector = this.sessionInspector.getIfAvailable();
				yield (inspector != null) ? inspector.inspect() : null;
			}
			case "queries" -> {
				StatementStatistics statistics = this.statementStatistics.getIfAvailable();
				yield (statistics != null) ? statistics.top(10, StatementOrder.TOTAL_TIME) : null;
			}
			default -> null;
		};
	}

}
