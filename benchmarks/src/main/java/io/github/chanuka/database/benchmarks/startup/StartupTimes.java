package io.github.chanuka.database.benchmarks.startup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.chanuka.database.embedded.EmbeddedPostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;

/**
 * Start-up time of the sample application's executable jar, each start in a fresh JVM,
 * on the same embedded cluster (a primary and two replicas): with the starter, and with
 * the starter switched off ({@code chanuka.database.enabled=false}) so Spring Boot's own
 * JDBC auto-configuration builds the HikariCP pool from {@code spring.datasource.*}. The
 * two alternate, after one unmeasured start of each (Liquibase applies the changelog on
 * the first). Reads the time Spring Boot logs ("Started ... in X seconds (process
 * running for Y)").
 */
public final class StartupTimes {

	private static final Pattern STARTED = Pattern
		.compile("Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

	private enum Mode {

		STARTER, BOOT_JDBC

	}

	public static void main(String[] args) throws Exception {
		int repetitions = Integer.getInteger("chanuka.bench.startup.repetitions", 5);
		Path jar = Paths.get(System.getProperty("chanuka.bench.startup.jar",
				"../sample-app/target/chanuka-database-sample-app-0.1.0-SNAPSHOT.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No sample application jar at " + jar.toAbsolutePath()
					+ "; build it with ./mvnw -B -q -pl sample-app -am package -DskipTests");
		}
		Path copy = Files.createTempFile("chanuka-sample-app", ".jar");
		Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
		Path results = Paths.get(System.getProperty("chanuka.bench.results", "target/results"));
		Files.createDirectories(results);
		Map<Mode, List<double[]>> times = new EnumMap<>(Mode.class);
		try (EmbeddedPostgresCluster cluster = EmbeddedPostgresCluster.builder().replicas(2).start()) {
			for (Mode mode : Mode.values()) {
				start(copy, cluster, mode);
			}
			for (int i = 0; i < repetitions; i++) {
				for (Mode mode : (i % 2 == 0) ? Mode.values() : new Mode[] { Mode.BOOT_JDBC, Mode.STARTER }) {
					times.computeIfAbsent(mode, (key) -> new ArrayList<>()).add(start(copy, cluster, mode));
				}
			}
		}
		finally {
			Files.deleteIfExists(copy);
		}
		StringBuilder report = new StringBuilder();
		report.append("Sample application jar, a fresh JVM per start (`").append(System.getProperty("chanuka.bench.jvm", "java"))
			.append("`, default flags), primary + 2 replicas; ").append(repetitions)
			.append(" starts of each after one unmeasured start of each, alternating.\n\n");
		report.append("| configuration | context started in, median (s) | min | max | JVM start to ready, median (s) |\n")
			.append("|---|---|---|---|---|\n");
		for (Mode mode : Mode.values()) {
			List<double[]> values = times.get(mode);
			double[] context = values.stream().mapToDouble((value) -> value[0]).sorted().toArray();
			double[] process = values.stream().mapToDouble((value) -> value[1]).sorted().toArray();
			report.append("| ")
				.append((mode == Mode.STARTER) ? "with the starter (routing over 2 replicas, breakers, metrics, monitor)"
						: "plain Boot JDBC (`chanuka.database.enabled=false`, `spring.datasource.*`)")
				.append(" | ").append(format(median(context))).append(" | ").append(format(context[0])).append(" | ")
				.append(format(context[context.length - 1])).append(" | ").append(format(median(process))).append(" |\n");
		}
		Files.writeString(results.resolve("startup.md"), report);
		System.out.println();
		System.out.println(report);
	}

	private static double[] start(Path jar, EmbeddedPostgresCluster cluster, Mode mode)
			throws IOException, InterruptedException {
		PostgresNode primary = cluster.primary();
		List<String> command = new ArrayList<>(List.of(System.getProperty("chanuka.bench.jvm", "java"), "-jar",
				jar.toString(), "--server.port=0"));
		if (mode == Mode.STARTER) {
			command.add("--chanuka.database.url=" + primary.jdbcUrl());
			command.add("--chanuka.database.username=" + primary.username());
			command.add("--chanuka.database.password=" + primary.password());
			for (int i = 0; i < cluster.replicas().size(); i++) {
				command.add("--chanuka.database.replicas[" + i + "].url=" + cluster.replicas().get(i).jdbcUrl());
			}
		}
		else {
			command.add("--chanuka.database.enabled=false");
			command.add("--spring.datasource.url=" + primary.jdbcUrl());
			command.add("--spring.datasource.username=" + primary.username());
			command.add("--spring.datasource.password=" + primary.password());
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> output = new ArrayList<>();
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		try {
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			String line;
			while (System.nanoTime() < deadline && (line = reader.readLine()) != null) {
				output.add(line);
				Matcher matcher = STARTED.matcher(line);
				if (matcher.find()) {
					double[] result = { Double.parseDouble(matcher.group(1)), Double.parseDouble(matcher.group(2)) };
					System.out.println(mode + ": context " + result[0] + " s, process " + result[1] + " s");
					return result;
				}
			}
			throw new IllegalStateException(mode + " start did not complete:\n" + String.join("\n", output));
		}
		finally {
			Thread drain = new Thread(() -> {
				try (reader) {
					reader.transferTo(Writer.nullWriter());
				}
				catch (IOException ex) {
					// the process has exited; nothing is left to read
				}
			});
			drain.setDaemon(true);
			drain.start();
			stop(process);
		}
	}

	private static void stop(Process process) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
	}

	private static double median(double[] sorted) {
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

}
