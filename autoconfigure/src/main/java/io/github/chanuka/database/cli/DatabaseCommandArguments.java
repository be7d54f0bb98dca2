package io.github.chanuka.database.cli;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Recognises the arguments of {@code java -jar app.jar db <command> [options]}: the
 * first argument is {@code db}. Spring property arguments such as
 * {@code --spring.profiles.active=prod} may follow anywhere; they configure the
 * application and are not passed to the command.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public final class DatabaseCommandArguments {

	/**
	 * First argument that selects the database commands.
	 */
	public static final String COMMAND = "db";

	private static final Pattern SPRING_PROPERTY = Pattern.compile("--[A-Za-z0-9_-]+(\\.[A-Za-z0-9_\\[\\]-]+)+=.*");

	private DatabaseCommandArguments() {
	}

	/**
	 * Return whether the application was started to run a database command.
	 * @param args the application's arguments
	 * @return whether the first argument is {@code db}
	 */
	public static boolean isDatabaseCommand(String... args) {
		return args != null && args.length > 0 && COMMAND.equals(args[0]);
	}

	/**
	 * Return the arguments of the command: those after {@code db}, without Spring
	 * property arguments.
	 * @param args the application's arguments
	 * @return the command's arguments
	 */
	public static String[] commandArguments(String... args) {
		if (!isDatabaseCommand(args)) {
			return new String[0];
		}
		return Arrays.stream(args, 1, args.length)
			.filter((arg) -> !SPRING_PROPERTY.matcher(arg).matches())
			.toArray(String[]::new);
	}

}
