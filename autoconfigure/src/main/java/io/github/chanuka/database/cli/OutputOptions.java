package io.github.chanuka.database.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --json} option of commands with a result.
 *
 * @author Chanuka Database
 */
final class OutputOptions {

	@Option(names = "--json", description = "Print the result as JSON instead of text.")
	boolean json;

}
