package io.github.chanuka.database.ops;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code database} actuator endpoint: {@code /actuator/database} serves the
 * {@link DatabaseStatus} report.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@Endpoint(id = "database")
public class DatabaseEndpoint {

	private final DatabaseStatusService status;

	/**
	 * Create an endpoint.
	 * @param status builds the report
	 */
	public DatabaseEndpoint(DatabaseStatusService status) {
		this.status = status;
	}

	/**
	 * Return the state of the database layer.
	 * @return the report
	 */
	@ReadOperation
	public DatabaseStatus database() {
		return this.status.status();
	}

}
