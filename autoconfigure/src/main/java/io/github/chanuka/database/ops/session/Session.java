package io.github.chanuka.database.ops.session;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One server session (backend), as {@code pg_stat_activity} shows it, with its statement
 * text masked.
 *
 * @param pid the backend's process id
 * @param database the database it is connected to
 * @param user the role it logged in as
 * @param application its {@code application_name}, empty when unset
 * @param state {@code active}, {@code idle in transaction}, ...
 * @param durationMs how long it has been in that state: for an active session since its
 * statement started, otherwise since its state last changed
 * @param waitEvent what it waits for, as {@code type:event} (such as
 * {@code Lock:transactionid}), {@code null} when it does not wait
 * @param query its current or last statement, every literal and comment masked;
 * {@code null} when the server does not show it
 * @param blockedBy the sessions holding the lock it waits for ({@code pg_blocking_pids})
 * @param rootBlockers the sessions at the end of its chain of blockers: blocking others
 * without being blocked themselves
 * @param statement the statement that would end it, printed for review and never run;
 * {@code null} for a blocked session (act on its root blockers instead)
 * @author Chanuka Database
 * @since 0.1.0
 */
public record Session(int pid, @Nullable String database, @Nullable String user, String application, String state,
		long durationMs, @Nullable String waitEvent, @Nullable String query, List<Integer> blockedBy,
		List<Integer> rootBlockers, @Nullable String statement) {

}
