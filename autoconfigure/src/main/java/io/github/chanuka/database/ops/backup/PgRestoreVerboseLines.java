package io.github.chanuka.database.ops.backup;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the lines {@code pg_restore --verbose} writes on standard error into progress:
 * each object it creates, each table whose data it loads and each statement it executes
 * (such as {@code SEQUENCE SET}) is one table-of-contents entry done.
 *
 * @author Chanuka Database
 */
final class PgRestoreVerboseLines implements Consumer<String> {

	private static final Pattern ENTRY = Pattern
		.compile("^pg_restore: (?:creating (.+)|processing data for table (.+)|executing (.+))$");

	private static final Pattern PROBLEM = Pattern.compile("^pg_restore: (?:error|warning|detail|hint):");

	private final int total;

	private final RestoreProgress progress;

	private int done;

	PgRestoreVerboseLines(int total, RestoreProgress progress) {
		this.total = total;
		this.progress = progress;
	}

	/**
	 * Return what {@code pg_restore --verbose} wrote on standard error without its
	 * informational lines, leaving errors, warnings and their detail.
	 * @param stderr all it wrote
	 * @return the lines worth reporting
	 */
	static String problems(String stderr) {
		StringBuilder kept = new StringBuilder();
		for (String line : stderr.lines().toList()) {
			boolean information = line.startsWith("pg_restore: ") && !PROBLEM.matcher(line).find();
			if (!information) {
				kept.append(line).append('\n');
			}
		}
		return kept.toString();
	}

	/**
	 * Report every entry done once {@code pg_restore} succeeded, as entries without a
	 * line of their own (comments, privileges) leave the count short.
	 */
	void finish() {
		if (this.done < this.total) {
			this.done = this.total;
			this.progress.restored(this.total, this.total, "the remaining entries");
		}
	}

	@Override
	public void accept(String line) {
		Matcher matcher = ENTRY.matcher(line.strip());
		if (!matcher.matches()) {
			return;
		}
		String created = matcher.group(1);
		String loaded = matcher.group(2);
		String object = (created != null) ? created
				: (loaded != null) ? "TABLE DATA " + loaded : Objects.requireNonNullElse(matcher.group(3), line);
		this.done = Math.min(this.total, this.done + 1);
		this.progress.restored(this.done, this.total, object.replace("\"", ""));
	}

}
