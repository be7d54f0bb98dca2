package io.github.chanuka.database.cli;

import java.io.PrintWriter;

import io.github.chanuka.database.ops.backup.RestoreProgress;

/**
 * Prints how far {@code db restore} has got on standard error, keeping standard output
 * for the result: a line each time another tenth of the objects is done, and the last.
 *
 * @author Chanuka Database
 */
final class RestoreProgressPrinter implements RestoreProgress {

	private final PrintWriter err;

	private int printedTenths = -1;

	RestoreProgressPrinter(PrintWriter err) {
		this.err = err;
	}

	@Override
	public void restored(int done, int total, String object) {
		int tenths = (total > 0) ? done * 10 / total : 10;
		if (tenths <= this.printedTenths) {
			return;
		}
		this.printedTenths = tenths;
		this.err.println("Restoring: " + done + "/" + total + " objects (" + ((total > 0) ? done * 100 / total : 100)
				+ "%), last " + object);
		this.err.flush();
	}

}
