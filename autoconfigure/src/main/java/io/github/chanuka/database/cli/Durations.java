package io.github.chanuka.database.cli;

/**
 * Short, readable durations for command output: {@code 850ms}, {@code 12.3s},
 * {@code 4m 05s}, {@code 2h 10m}.
 *
 * @author Chanuka Database
 */
final class Durations {

	private Durations() {
	}

	static String format(long millis) {
		if (millis < 1000) {
			return millis + "ms";
		}
		if (millis < 60_000) {
			return String.format("%.1fs", millis / 1000.0);
		}
		long seconds = millis / 1000;
		if (seconds < 3600) {
			return String.format("%dm %02ds", seconds / 60, seconds % 60);
		}
		return String.format("%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
	}

}
