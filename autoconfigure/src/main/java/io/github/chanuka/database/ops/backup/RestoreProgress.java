package io.github.chanuka.database.ops.backup;

/**
 * Told how far a restore has got, as {@code pg_restore} reports each object it restores.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@FunctionalInterface
public interface RestoreProgress {

	/**
	 * Progress that nobody follows.
	 */
	RestoreProgress NONE = (done, total, object) -> {
	};

	/**
	 * Called after each object.
	 * @param done objects restored so far
	 * @param total entries in the backup's table of contents
	 * @param object what {@code pg_restore} just restored, such as
	 * {@code TABLE DATA public.bills}
	 */
	void restored(int done, int total, String object);

}
