package io.github.chanuka.database.ops.migration;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@code db reset} drops and re-creates.
 *
 * @param environment the environment, such as {@code development}
 * @param database the primary, URL masked
 * @param schema the schema that is emptied
 * @param objects the tables, views and sequences dropped with it
 * @param changeSets the changesets applied afterwards
 * @author Chanuka Database
 * @since 0.1.0
 */
public record ResetPlan(String environment, String database, @Nullable String schema, List<String> objects,
		List<ChangeSetInfo> changeSets) {

	public ResetPlan {
		objects = List.copyOf(objects);
		changeSets = List.copyOf(changeSets);
	}

}
