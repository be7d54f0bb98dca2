package io.github.chanuka.database.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.github.chanuka.database.embedded.EmbeddedCluster;
import io.github.chanuka.database.embedded.PostgresCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -cp ... Application db <command>} in a separate JVM, as users run it: the
 * real exit code, output free of logs, and Liquibase optional.
 */
@EmbeddedCluster(replicas = 0)
class DatabaseCommandProcessTests {

	private static final Predicate<String> WITHOUT_LIQUIBASE = (entry) -> !entry.contains("liquibase");

	private static PostgresCluster cluster;

	@TempDir
	Path directory;

	@BeforeAll
	static void useCluster(PostgresCluster sharedCluster) {
		cluster = sharedCluster;
	}

	@Test
	void validateAsJsonPrintsOnlyTheReportAndNeedsNoLiquibase() throws Exception {
		Result result = run(WITHOUT_LIQUIBASE, Map.of("CHANUKA_DATABASE_URL", cluster.primary().jdbcUrl(), "CHANUKA_DATABASE_USERNAME",
				cluster.primary().username(), "CHANUKA_DATABASE_PASSWORD", cluster.primary().password()), "db",
				"validate", "--json");
		assertThat(result.exitCode()).as(result.toString()).isIn(DatabaseCommandLine.OK, DatabaseCommandLine.PROBLEM);
		JsonNode report = JsonMapper.builder().build().readTree(result.out());
		assertThat(report.get("checks").toString()).contains("missing-primary-key").doesNotContain("changelog");
		assertThat(result.exitCode() == DatabaseCommandLine.PROBLEM).isEqualTo(!report.get("findings").isEmpty());
		assertThat(result.out() + result.err()).doesNotContain(cluster.primary().password());
	}

	@Test
	void aConfigurationErrorAtStartupExitsTwoWithTheReasonAndTheFix() throws Exception {
		Result result = run((entry) -> true, Map.of(), "db", "status",
				"--chanuka.database.url=jdbc:mysql://localhost/bills");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(DatabaseCommandLine.USAGE);
		assertThat(result.err()).contains("Error: the application could not start: Chanuka Database cannot start",
				"Property: chanuka.database.url", "Action: ");
		assertThat(result.out()).isEmpty();
	}

	private Result run(Predicate<String> classpath, Map<String, String> environment, String... args)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		ManagementFactory.getRuntimeMXBean()
			.getInputArguments()
			.stream()
			.filter((argument) -> argument.startsWith("-javaagent:") && argument.contains("jacoco"))
			.forEach(command::add);
		String testClasspath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String filtered = Arrays.stream(testClasspath.split(File.pathSeparator))
			.filter(classpath)
			.collect(Collectors.joining(File.pathSeparator));
		command.addAll(List.of("-XX:TieredStopAtLevel=1", "-cp", filtered,
				CommandLineTestApplication.class.getName()));
		command.addAll(List.of(args));
		Path out = this.directory.resolve("out.txt");
		Path err = this.directory.resolve("err.txt");
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("db " + String.join(" ", args) + " did not end within 60 s");
		}
		return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

	private record Result(int exitCode, String out, String err) {

		@Override
		public String toString() {
			return "exit " + this.exitCode + "\n--- out ---\n" + this.out + "--- err ---\n" + this.err;
		}

	}

}
