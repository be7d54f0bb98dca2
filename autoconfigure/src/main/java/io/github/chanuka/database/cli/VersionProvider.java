package io.github.chanuka.database.cli;

import picocli.CommandLine;

/**
 * Reports the version of Chanuka Database.
 *
 * @author Chanuka Database
 */
final class VersionProvider implements CommandLine.IVersionProvider {

	@Override
	public String[] getVersion() {
		String version = DatabaseCommandLine.class.getPackage().getImplementationVersion();
		return new String[] { "Chanuka Database " + ((version != null) ? version : "(development build)") };
	}

}
