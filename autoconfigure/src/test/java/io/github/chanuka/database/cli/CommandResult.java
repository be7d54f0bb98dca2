package io.github.chanuka.database.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.springframework.context.ApplicationContext;

/**
 * Exit code and output of a command run in-process.
 */
record CommandResult(int exitCode, String out, String err) {

	static CommandResult run(ApplicationContext context, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = new DatabaseCommandLine(context).execute(new PrintWriter(out), new PrintWriter(err), args);
		return new CommandResult(exitCode, out.toString(), err.toString());
	}

	String firstErrorLine() {
		return this.err.lines().findFirst().orElse("");
	}

	@Override
	public String toString() {
		return "exit " + this.exitCode + "\n--- out ---\n" + this.out + "--- err ---\n" + this.err;
	}

}
