package io.github.chanuka.database.embedded;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the end of a node's server log for error messages.
 */
final class ServerLog {

	private static final int TAIL_BYTES = 4096;

	private ServerLog() {
	}

	/**
	 * Return the last lines of the log, introduced by its path, for an exception message.
	 * @param log the log file
	 * @return the tail of the log
	 */
	static String tail(Path log) {
		if (!Files.exists(log)) {
			return System.lineSeparator() + "(no server log at " + log + ")";
		}
		try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
			long start = Math.max(0, file.length() - TAIL_BYTES);
			byte[] bytes = new byte[(int) (file.length() - start)];
			file.seek(start);
			file.readFully(bytes);
			String text = new String(bytes, StandardCharsets.UTF_8);
			if (start > 0 && text.indexOf('\n') >= 0) {
				text = text.substring(text.indexOf('\n') + 1);
			}
			return System.lineSeparator() + "--- end of server log " + log + " ---" + System.lineSeparator()
					+ text.stripTrailing();
		}
		catch (IOException ex) {
			return System.lineSeparator() + "(server log " + log + " unreadable: " + ex + ")";
		}
	}

}
