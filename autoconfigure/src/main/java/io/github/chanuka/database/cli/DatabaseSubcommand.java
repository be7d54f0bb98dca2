package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.springframework.boot.convert.DurationStyle;

/**
 * What every {@code db} command shares: the {@code --json}, {@code --timeout} and
 * {@code --verbose} options, running the command's work within the timeout, and
 * printing its result as JSON or as the command's text. A command says only what it
 * does ({@link #execute()}), how its result reads ({@link #print}) and what it means
 * for the exit code ({@link #exitCode}).
 *
 * @param <R> the command's result
 * @author Chanuka Database
 */
abstract class DatabaseSubcommand<R> implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--json", description = "Print the result as JSON instead of text.")
	boolean json;

	@Option(names = "--timeout", paramLabel = "DURATION",
			description = "Give up when the command takes longer than DURATION, such as 30s (default: no limit).")
	@Nullable Duration timeout;

	@Option(names = { "-v", "--verbose" },
			description = "Print more detail on standard error: what the command ran against, how long it took,"
					+ " and the stack trace of a failure.")
	boolean verbose;

	/**
	 * Do the command's work.
	 * @return the result to print
	 * @throws Exception when the work fails
	 */
	protected abstract R execute() throws Exception;

	/**
	 * Print the result as text.
	 * @param result the result of {@link #execute()}
	 * @param out the command's output
	 */
	protected abstract void print(R result, PrintWriter out);

	/**
	 * Return the exit code a result deserves.
	 * @param result the result of {@link #execute()}
	 * @return {@link DatabaseCommandLine#OK} unless overridden
	 */
	protected int exitCode(R result) {
		return DatabaseCommandLine.OK;
	}

	@Override
	public Integer call() throws Exception {
		long started = System.nanoTime();
		int exitCode = run();
		detail("db " + name() + " finished in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)
				+ " ms with exit code " + exitCode);
		return exitCode;
	}

	/**
	 * Execute within the timeout and print the result.
	 * @return the exit code
	 * @throws Exception when the work fails or takes too long
	 */
	protected final int run() throws Exception {
		R result = executeWithinTimeout();
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.json) {
			JsonOutput.write(result, out);
		}
		else {
			print(result, out);
		}
		out.flush();
		return exitCode(result);
	}

	/**
	 * Print a line of detail on standard error when {@code --verbose} is given.
	 * @param line the detail
	 */
	protected final void detail(String line) {
		if (this.verbose) {
			PrintWriter err = this.spec.commandLine().getErr();
			err.println(line);
			err.flush();
		}
	}

	boolean isVerbose() {
		return this.verbose;
	}

	String name() {
		return this.spec.name();
	}

	private R executeWithinTimeout() throws Exception {
		if (this.timeout == null) {
			return execute();
		}
		FutureTask<R> task = new FutureTask<>(this::execute);
		Thread worker = new Thread(task, "chanuka-db-" + name());
		worker.setDaemon(true);
		worker.start();
		try {
			return task.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			task.cancel(true);
			String limit = DurationStyle.SIMPLE.print(this.timeout);
			throw new CommandException(DatabaseCommandLine.PROBLEM,
					"db " + name() + " did not finish within --timeout=" + limit + ": it was interrupted, though work"
							+ " already sent to the database may still complete",
					"Run it again with a longer --timeout; 'db health' and 'db status' show the state it left");
		}
		catch (InterruptedException ex) {
			task.cancel(true);
			throw ex;
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

}
