package io.github.chanuka.database.cli;

import java.io.PrintWriter;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ClassUtils;

/**
 * Writes command results as JSON with Jackson.
 *
 * @author Chanuka Database
 */
final class JsonOutput {

	private static final String JACKSON = "tools.jackson.databind.json.JsonMapper";

	private JsonOutput() {
	}

	static void write(Object value, PrintWriter out) {
		if (!ClassUtils.isPresent(JACKSON, JsonOutput.class.getClassLoader())) {
			throw new CommandException(DatabaseCommandLine.USAGE, "--json needs Jackson, which is not on the classpath",
					"Add tools.jackson.core:jackson-databind (or spring-boot-starter-jackson) to the application");
		}
		Writer.write(value, out);
	}

	private static final class Writer {

		private static final JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

		static void write(Object value, PrintWriter out) {
			out.println(mapper.writeValueAsString(value));
			out.flush();
		}

	}

}
