package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.time.Duration;

import picocli.CommandLine;

import org.springframework.context.ApplicationContext;

/**
 * Runs one database command ({@code migrate}, {@code validate}, {@code backup}, ...) in
 * a started application context, with picocli parsing its arguments. This is what
 * {@code java -jar app.jar db <command>} runs; tests and tools can call it directly:
 * <pre class="code">
 * int exitCode = new DatabaseCommandLine(context).execute(out, err, "validate", "--json");
 * </pre>
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public final class DatabaseCommandLine {

	/**
	 * Exit code of a command that completed and found nothing wrong.
	 */
	public static final int OK = 0;

	/**
	 * Exit code of a command that found a problem: validation findings, index advice,
	 * pending changesets, a node down, or an operation that failed.
	 */
	public static final int PROBLEM = 1;

	/**
	 * Exit code of a usage or configuration error: a bad argument, an option missing,
	 * an operation refused, a tool missing.
	 */
	public static final int USAGE = 2;

	private final ApplicationContext context;

	/**
	 * Create a command line over an application context.
	 * @param context the started context whose beans the commands use
	 */
	public DatabaseCommandLine(ApplicationContext context) {
		this.context = context;
	}

	/**
	 * Parse the arguments and run the command they name.
	 * @param out where the command's output goes
	 * @param err where errors and usage go
	 * @param args the arguments after {@code db}, such as {@code rollback --count 1}
	 * @return the exit code: {@link #OK}, {@link #PROBLEM} or {@link #USAGE}
	 */
	public int execute(PrintWriter out, PrintWriter err, String... args) {
		CommandExceptionHandler exceptions = new CommandExceptionHandler();
		CommandLine commandLine = new CommandLine(new DatabaseCommand(),
				new SpringCommandFactory(this.context.getAutowireCapableBeanFactory()));
		commandLine.setOut(out)
			.setErr(err)
			.setCaseInsensitiveEnumValuesAllowed(true)
			.setParameterExceptionHandler(exceptions)
			.setExecutionExceptionHandler(exceptions)
			.registerConverter(Duration.class, new DurationConverter());
		try {
			return commandLine.execute(args);
		}
		finally {
			out.flush();
			err.flush();
		}
	}

}
