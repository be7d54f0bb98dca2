package io.github.chanuka.database.ops.setup;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the application declares that db setup creates when missing.
 *
 * @param createDatabase whether to create the primary's database
 * @param extensions extensions to create in it
 * @param roleName the least-privilege application role, {@code null} for none
 * @param rolePassword the role's password, {@code null} for none; never printed
 * @param roleSchemas schemas whose tables and sequences the role may use
 * @author Chanuka Database
 * @since 0.1.0
 */
public record SetupDeclaration(boolean createDatabase, List<String> extensions, @Nullable String roleName,
		@Nullable String rolePassword, List<String> roleSchemas) {

	@Override
	public String toString() {
		return "SetupDeclaration[createDatabase=" + this.createDatabase + ", extensions=" + this.extensions
				+ ", roleName=" + this.roleName + ", roleSchemas=" + this.roleSchemas + "]";
	}

}
