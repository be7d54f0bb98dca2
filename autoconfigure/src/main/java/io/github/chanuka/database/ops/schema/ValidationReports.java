package io.github.chanuka.database.ops.schema;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * Serves {@link SchemaValidator} reports to callers over HTTP
 * ({@code /actuator/database/validation}): one evaluation at a time, its report reused
 * by every caller for a short time to live, and violating rows' column values only when
 * allowed. Callers that arrive while an evaluation runs wait for it and share its report,
 * so a burst of requests costs the primary one run of the checks.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class ValidationReports {

	private final SchemaValidator validator;

	private final boolean rowValues;

	private final Duration timeToLive;

	private final Clock clock;

	private final ReentrantLock evaluation = new ReentrantLock();

	private volatile @Nullable Cached cached;

	/**
	 * Create the reports.
	 * @param validator runs the checks
	 * @param rowValues whether reports show violating rows' column values
	 * @param timeToLive how long a report is reused
	 */
	public ValidationReports(SchemaValidator validator, boolean rowValues, Duration timeToLive) {
		this(validator, rowValues, timeToLive, Clock.systemUTC());
	}

	ValidationReports(SchemaValidator validator, boolean rowValues, Duration timeToLive, Clock clock) {
		this.validator = validator;
		this.rowValues = rowValues;
		this.timeToLive = timeToLive;
		this.clock = clock;
	}

	/**
	 * Return a report no older than the time to live, running the checks when there is
	 * none.
	 * @return the report
	 */
	public ValidationReport report() {
		ValidationReport fresh = fresh();
		if (fresh != null) {
			return fresh;
		}
		this.evaluation.lock();
		try {
			// whoever held the lock before may have just made one
			fresh = fresh();
			if (fresh != null) {
				return fresh;
			}
			ValidationReport report = this.validator.validate(this.rowValues);
			this.cached = new Cached(report, this.clock.instant().plus(this.timeToLive));
			return report;
		}
		finally {
			this.evaluation.unlock();
		}
	}

	private @Nullable ValidationReport fresh() {
		Cached current = this.cached;
		return (current != null && this.clock.instant().isBefore(current.expires())) ? current.report() : null;
	}

	private record Cached(ValidationReport report, Instant expires) {

	}

}
