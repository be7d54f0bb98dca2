package io.github.chanuka.database.sample;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import io.github.chanuka.database.embedded.EmbeddedPostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplicationAotProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample processed ahead of time, as {@code spring-boot:process-aot} does, then
 * {@code db health --json} run on the generated code ({@code -Dspring.aot.enabled=true})
 * in another JVM against an embedded primary and replica.
 */
class AheadOfTimeCommandTests {

	private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(90);

	private static EmbeddedPostgresCluster cluster;

	@TempDir
	Path directory;

	@BeforeAll
	static void startCluster() {
		cluster = EmbeddedPostgresCluster.builder().replicas(1).ssl(false).start();
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@Test
	void healthCommandRunsOnTheAheadOfTimeProcessedSample() throws Exception {
		Path sources = this.directory.resolve("sources");
		Path resources = this.directory.resolve("resources");
		Path classes = this.directory.resolve("classes");
		String classpath = mainClasspath();
		Result processed = run(Map.of(), List.of("-cp", classpath, SpringApplicationAotProcessor.class.getName(),
				SampleApplication.class.getName(), sources.toString(), resources.toString(), classes.toString(),
				"io.github.chanuka", "chanuka-database-sample-app"));
		assertThat(processed.exitCode()).as(processed.toString()).isZero();
		compile(sources, classes, classpath);

		Result health = run(database(), List.of("-Dspring.aot.enabled=true", "-cp",
				String.join(File.pathSeparator, classes.toString(), resources.toString(), classpath),
				SampleApplication.class.getName(), "db", "health", "--json"));

		assertThat(health.exitCode()).as(health.toString()).isZero();
		JsonNode report = JsonMapper.builder().build().readTree(health.out());
		assertThat(report.toString()).as(health.toString()).contains("\"primary\"", "\"replica-1\"");
		assertThat(health.out() + health.err()).doesNotContain(cluster.primary().password());
	}

	private static Map<String, String> database() {
		return Map.of("CHANUKA_DATABASE_URL", cluster.primary().jdbcUrl(), "CHANUKA_DATABASE_USERNAME",
				cluster.primary().username(), "CHANUKA_DATABASE_PASSWORD", cluster.primary().password(),
				"CHANUKA_DATABASE_REPLICAS_0_URL", cluster.replica(1).jdbcUrl());
	}

	/**
	 * The application's class path, as {@code spring-boot:process-aot} sees it: without
	 * the test classes, whose initializer would start a cluster of its own.
	 */
	private static String mainClasspath() {
		String testClasspath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.stream(testClasspath.split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static void compile(Path sources, Path classes, String classpath) throws IOException {
		List<String> files;
		try (Stream<Path> walk = Files.walk(sources)) {
			files = walk.filter((file) -> file.toString().endsWith(".java")).map(Path::toString).toList();
		}
		assertThat(files).as("generated sources").isNotEmpty();
		List<String> arguments = new ArrayList<>(List.of("-proc:none", "-nowarn", "-d", classes.toString(), "-cp",
				String.join(File.pathSeparator, classes.toString(), classpath)));
		arguments.addAll(files);
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		assertThat(compiler.run(null, null, null, arguments.toArray(String[]::new))).as("javac exit code").isZero();
	}

	private Result run(Map<String, String> environment, List<String> arguments)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-XX:TieredStopAtLevel=1");
		command.addAll(arguments);
		Path out = Files.createTempFile(this.directory, "out", ".txt");
		Path err = Files.createTempFile(this.directory, "err", ".txt");
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", arguments) + " did not end within " + PROCESS_TIMEOUT);
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
