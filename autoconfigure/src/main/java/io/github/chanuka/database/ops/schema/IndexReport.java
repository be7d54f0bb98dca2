package io.github.chanuka.database.ops.schema;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Outcome of {@link IndexAdvisor#advise()}.
 *
 * @param checkedAt when the advice was computed
 * @param statisticsSince when the database's usage statistics were last reset,
 * {@code null} when never; usage-based advice covers only the time since
 * @param advice the advice, by kind
 * @author Chanuka Database
 * @since 0.1.0
 */
public record IndexReport(Instant checkedAt, @Nullable Instant statisticsSince, List<IndexAdvice> advice) {

	public IndexReport {
		advice = List.copyOf(advice);
	}

	/**
	 * Return whether there is any advice.
	 * @return whether the list is not empty
	 */
	public boolean hasAdvice() {
		return !this.advice.isEmpty();
	}

}
