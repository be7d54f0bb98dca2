package io.github.chanuka.database.ops.backup;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL client program and its version.
 *
 * @param name the program, such as {@code pg_dump}
 * @param path where it is
 * @param version its version, such as {@code 15.20}
 * @author Chanuka Database
 */
record PgTool(String name, Path path, String version) {

	private static final Pattern VERSION = Pattern.compile("\\d+(?:\\.\\d+)*");

	private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)(?:\\.(\\d+))?");

	/**
	 * Read the version from the output of {@code --version}, such as
	 * {@code pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)}.
	 * @param output the output
	 * @return the version, or {@code null} when there is none
	 */
	static @Nullable String parseVersion(String output) {
		int product = output.indexOf(')');
		Matcher matcher = VERSION.matcher(output);
		return matcher.find(Math.max(product, 0)) ? matcher.group() : null;
	}

	/**
	 * Return the version as PostgreSQL numbers its major releases: 150000 for 15.x,
	 * 90600 for 9.6.x.
	 * @return the major version number
	 */
	int majorVersionNumber() {
		return majorVersionNumber(this.version);
	}

	static int majorVersionNumber(String version) {
		Matcher matcher = MAJOR_MINOR.matcher(version);
		if (!matcher.find()) {
			return 0;
		}
		int first = Integer.parseInt(matcher.group(1));
		int second = (matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : 0;
		return (first >= 10) ? first * 10000 : first * 10000 + second * 100;
	}

	static String majorVersion(int versionNumber) {
		return (versionNumber >= 100000) ? String.valueOf(versionNumber / 10000)
				: (versionNumber / 10000) + "." + (versionNumber / 100 % 100);
	}

	@Override
	public String toString() {
		return this.name + " " + this.version + " (" + this.path + ")";
	}

}
