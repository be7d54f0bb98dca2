package io.github.chanuka.database.ops.schema;

/**
 * Turns index definitions into statements that do not block writes.
 *
 * @author Chanuka Database
 */
final class IndexStatements {

	private IndexStatements() {
	}

	/**
	 * Return the {@code CREATE INDEX CONCURRENTLY} form of a definition from
	 * {@code pg_get_indexdef}.
	 * @param definition such as {@code CREATE UNIQUE INDEX a ON public.t USING btree (x)}
	 * @return the same, built concurrently
	 */
	static String createConcurrently(String definition) {
		int index = definition.indexOf("INDEX ");
		if (index < 0 || definition.startsWith("CONCURRENTLY", index + 6)) {
			return definition;
		}
		return definition.substring(0, index + 6) + "CONCURRENTLY " + definition.substring(index + 6);
	}

	static String dropConcurrently(String index) {
		return "DROP INDEX CONCURRENTLY " + index + ";";
	}

}
