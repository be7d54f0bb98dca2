package io.github.chanuka.database.benchmarks.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.github.chanuka.database.benchmarks.BenchApplication;
import io.github.chanuka.database.benchmarks.BenchRepository;
import io.github.chanuka.database.benchmarks.BenchSchema;
import io.github.chanuka.database.benchmarks.BenchTarget;
import io.github.chanuka.database.benchmarks.faults.Load.Call;
import io.github.chanuka.database.embedded.EmbeddedPostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.chanuka.database.embedded.StopMode;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;
import io.github.chanuka.database.node.ReplicaEligibility;
import io.github.chanuka.database.resilience.DatabaseUnavailableException;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Times what the starter does under real faults of an embedded cluster, with its default
 * settings unless said otherwise, several repetitions each:
 * <ol>
 * <li>a replica killed ({@code SIGKILL}) under read load: reads that failed, and how long
 * reads kept being sent to it;</li>
 * <li>that replica started again: how long until reads reach it again;</li>
 * <li>the primary stopped under write load: how long until calls fail fast on the open
 * breaker;</li>
 * <li>the primary stopped and its replica promoted, with a multi-host primary URL: how
 * long until writes succeed again.</li>
 * </ol>
 * Writes the tables to {@code chanuka.bench.results/faults.md}.
 */
public final class FaultTimings {

	private static final int READERS = 4;

	private static final int WRITERS = 4;

	private final int repetitions = Integer.getInteger("chanuka.bench.faults.repetitions", 5);

	private final List<String> scenarios = List
		.of(System.getProperty("chanuka.bench.faults.scenarios", "replica,primary,promotion,promotion-delayed").split(","));

	private final long promotionDelayMillis = Long.getLong("chanuka.bench.faults.promotionDelayMillis", 20_000);

	private final StringBuilder report = new StringBuilder();

	public static void main(String[] args) throws Exception {
		new FaultTimings().run();
	}

	private void run() throws Exception {
		Path results = Paths.get(System.getProperty("chanuka.bench.results", "target/results"));
		Files.createDirectories(results);
		this.report.append("Repetitions: ").append(this.repetitions).append(", ").append(READERS)
			.append(" reader / ").append(WRITERS).append(" writer threads.\n\n");
		try (EmbeddedPostgresCluster cluster = EmbeddedPostgresCluster.builder().replicas(1).start()) {
			BenchSchema.create(BenchTarget.of("embedded", cluster));
			cluster.awaitReplicated(Duration.ofSeconds(30));
			if (this.scenarios.contains("replica")) {
				replicaKill(cluster);
			}
			if (this.scenarios.contains("primary")) {
				primaryStop(cluster, "5s (development profile default)", null);
				primaryStop(cluster, "2s (as the sample app)", "2s");
			}
		}
		if (this.scenarios.contains("promotion")) {
			promotion(0);
		}
		if (this.scenarios.contains("promotion-delayed")) {
			promotion(this.promotionDelayMillis);
		}
		Files.writeString(results.resolve("faults.md"), this.report);
		System.out.println();
		System.out.println(this.report);
	}

	private void replicaKill(EmbeddedPostgresCluster cluster) throws Exception {
		PostgresNode replica = cluster.replica(1);
		AttemptRecorder attempts = new AttemptRecorder();
		Map<String, Object> properties = BenchTarget.of("embedded", cluster).starterProperties(1);
		properties.put("logging.level.io.github.chanuka", "INFO");
		List<String> rows = new ArrayList<>();
		List<Long> stopRouting = new ArrayList<>();
		List<Long> readmitted = new ArrayList<>();
		List<Long> failedReads = new ArrayList<>();
		long totalReads;
		long totalFailed;
		try (ConfigurableApplicationContext context = BenchApplication.start(properties,
				Map.of("benchAttemptRecorder", attempts))) {
			BenchRepository repository = context.getBean(BenchRepository.class);
			ReplicaEligibility eligibility = context.getBean(ReplicaEligibility.class);
			DatabaseNode replicaNode = context.getBean(DatabaseTopology.class).replicas().get(0);
			try (Load load = new Load("reader", READERS, repository::serverPort)) {
				for (int i = 1; i <= this.repetitions; i++) {
					require(load.awaitCall(System.nanoTime(), (call) -> call.result() == replica.port(), 30_000),
							"reads never reached " + replica.name());
					Thread.sleep(2_000);
					long killed = System.nanoTime();
					replica.kill();
					Thread.sleep(6_000);
					long last = attempts.lastAttempt(replica.name());
					long untilNoRead = Math.max(0, last - killed);
					List<Call> window = between(load.calls(), killed, System.nanoTime());
					long failed = window.stream().filter((call) -> !call.succeeded()).count();
					long reads = window.size();
					long served = window.stream().filter((call) -> call.result() == replica.port()).count();
					long restartCalled = System.nanoTime();
					replica.start();
					long started = System.nanoTime();
					StringBuilder why = new StringBuilder();
					Thread watcher = watch(eligibility, replicaNode, started, why);
					Call back = require(load.awaitCall(started, (call) -> call.result() == replica.port(), 60_000),
							replica.name() + " was not re-admitted within 60 s");
					watcher.interrupt();
					watcher.join();
					long admitted = TimeUnit.NANOSECONDS.toMillis(back.end() - started);
					stopRouting.add(TimeUnit.NANOSECONDS.toMillis(untilNoRead));
					readmitted.add(admitted);
					failedReads.add(failed);
					rows.add("| " + i + " | " + reads + " | " + failed + " | " + served + " | "
							+ millis(untilNoRead) + " | "
							+ TimeUnit.NANOSECONDS.toMillis(started - restartCalled) + " | " + admitted + " | "
							+ failures(window) + " | " + why + " |");
				}
				Thread.sleep(2_000);
				List<Call> all = load.calls();
				totalReads = all.size();
				totalFailed = all.stream().filter((call) -> !call.succeeded()).count();
			}
		}
		this.report.append("### Replica killed under read load, then restarted\n\n")
			.append("Primary + 1 replica, `routing.fallback-to-primary=true`, `health.check-interval=5s` (defaults); ")
			.append(READERS)
			.append(" threads run `@Transactional(readOnly = true)` reads back to back. The replica is killed with SIGKILL; ")
			.append("'last read sent to it' is the last time the router asked its pool for a connection, after the kill. ")
			.append("Re-admission is timed from the moment the restarted replica accepts connections to the first read it serves.\n\n")
			.append("| rep | reads in the 6 s after the kill | failed reads | served by the killed replica | last read sent to it (ms after kill) | restart took (ms) | re-admitted after (ms) | failures | why the replica was not usable after its restart (ms after it accepted connections) |\n")
			.append("|---|---|---|---|---|---|---|---|---|\n");
		rows.forEach((row) -> this.report.append(row).append('\n'));
		this.report.append("\nOver the whole run, kills, restarts and re-admissions included: ").append(totalReads)
			.append(" reads, ").append(totalFailed).append(" failed.\n");
		this.report.append("\n| measure | median | max |\n|---|---|---|\n")
			.append(summary("failed reads", failedReads, ""))
			.append(summary("time until no read goes to the killed replica", stopRouting, " ms"))
			.append(summary("time until the restarted replica is re-admitted", readmitted, " ms"))
			.append('\n');
	}

	private void primaryStop(EmbeddedPostgresCluster cluster, String label, String connectionTimeout)
			throws Exception {
		PostgresNode primary = cluster.primary();
		List<String> rows = new ArrayList<>();
		List<Long> untilFailFast = new ArrayList<>();
		List<Long> failFastP99 = new ArrayList<>();
		for (int i = 1; i <= this.repetitions; i++) {
			Map<String, Object> properties = BenchTarget.of("embedded", cluster).starterProperties(1);
			if (connectionTimeout != null) {
				properties.put("chanuka.database.pool.connection-timeout", connectionTimeout);
			}
			try (ConfigurableApplicationContext context = BenchApplication.start(properties)) {
				BenchRepository repository = context.getBean(BenchRepository.class);
				try (Load load = new Load("writer", WRITERS, () -> repository
					.insertWithoutRetry(ThreadLocalRandom.current().nextLong(1, BenchSchema.ITEMS + 1), "fault"))) {
					require(load.awaitCall(System.nanoTime(), Call::succeeded, 30_000), "writes never succeeded");
					Thread.sleep(2_000);
					long stopped = System.nanoTime();
					primary.stop(StopMode.IMMEDIATE);
					Call first = require(load.awaitCall(stopped,
							(call) -> call.failure() == DatabaseUnavailableException.class, 120_000),
							"calls never failed fast");
					Thread.sleep(2_000);
					long end = System.nanoTime();
					List<Call> window = between(load.calls(), stopped, end);
					List<Long> fast = window.stream()
						.filter((call) -> call.failure() == DatabaseUnavailableException.class)
						.map((call) -> TimeUnit.NANOSECONDS.toMicros(call.end() - call.start()))
						.sorted()
						.toList();
					long before = window.stream()
						.filter((call) -> !call.succeeded() && call.end() <= first.end()
								&& !(call.failure() == DatabaseUnavailableException.class))
						.count();
					long slowest = window.stream().mapToLong(Call::millis).max().orElse(0);
					long until = TimeUnit.NANOSECONDS.toMillis(first.end() - stopped);
					long p99 = fast.get(Math.min(fast.size() - 1, (int) Math.ceil(fast.size() * 0.99) - 1));
					untilFailFast.add(until);
					failFastP99.add(p99);
					rows.add("| " + i + " | " + until + " | " + before + " | " + slowest + " | " + fast.size() + " | "
							+ fast.get(fast.size() / 2) + " | " + p99 + " | " + failures(window) + " |");
				}
			}
			finally {
				primary.start();
				cluster.awaitReplicated(Duration.ofSeconds(60));
			}
		}
		this.report.append("### Primary stopped under write load — pool connection-timeout ").append(label)
			.append("\n\n")
			.append("Breaker defaults (50% of the last 20 connection attempts, at least 10). ")
			.append(WRITERS)
			.append(" threads run write transactions (no retry) back to back, pausing 1 ms after a failure; the primary is stopped (immediate). ")
			.append("Time is from the stop to the first call failing with `DatabaseUnavailableException`.\n\n")
			.append("| rep | until fail-fast (ms) | failed calls before | slowest call (ms) | fail-fast calls in the next 2 s | their p50 (µs) | their p99 (µs) | failures |\n")
			.append("|---|---|---|---|---|---|---|---|\n");
		rows.forEach((row) -> this.report.append(row).append('\n'));
		this.report.append("\n| measure | median | max |\n|---|---|---|\n")
			.append(summary("time until calls fail fast", untilFailFast, " ms"))
			.append(summary("p99 of a fail-fast call", failFastP99, " µs"))
			.append('\n');
	}

	private void promotion(long delayMillis) throws Exception {
		List<String> rows = new ArrayList<>();
		List<Long> afterPromotion = new ArrayList<>();
		List<Long> afterStop = new ArrayList<>();
		for (int i = 1; i <= this.repetitions; i++) {
			try (EmbeddedPostgresCluster cluster = EmbeddedPostgresCluster.builder().replicas(1).start()) {
				BenchTarget target = BenchTarget.of("embedded", cluster);
				BenchSchema.create(target);
				PostgresNode oldPrimary = cluster.primary();
				PostgresNode standby = cluster.replica(1);
				Map<String, Object> properties = target.starterProperties(0);
				properties.put("chanuka.database.url", "jdbc:postgresql://" + oldPrimary.host() + ":" + oldPrimary.port()
						+ "," + standby.host() + ":" + standby.port() + "/" + oldPrimary.database()
						+ "?targetServerType=primary");
				try (ConfigurableApplicationContext context = BenchApplication.start(properties)) {
					BenchRepository repository = context.getBean(BenchRepository.class);
					try (Load load = new Load("writer", WRITERS, () -> repository
						.insertWithoutRetry(ThreadLocalRandom.current().nextLong(1, BenchSchema.ITEMS + 1), "promo"))) {
						require(load.awaitCall(System.nanoTime(), Call::succeeded, 30_000), "writes never succeeded");
						cluster.awaitReplicated(Duration.ofSeconds(30));
						Thread.sleep(1_000);
						long stopped = System.nanoTime();
						oldPrimary.stop(StopMode.IMMEDIATE);
						Thread.sleep(delayMillis);
						standby.promote();
						long promoted = System.nanoTime();
						Call resumed = require(load.awaitCall(promoted, Call::succeeded, 120_000),
								"writes did not resume within 120 s");
						long fromPromotion = Math.max(0, TimeUnit.NANOSECONDS.toMillis(resumed.end() - promoted));
						long fromStop = TimeUnit.NANOSECONDS.toMillis(resumed.end() - stopped);
						afterPromotion.add(fromPromotion);
						afterStop.add(fromStop);
						List<Call> window = between(load.calls(), stopped, resumed.end());
						rows.add("| " + i + " | " + TimeUnit.NANOSECONDS.toMillis(promoted - stopped - TimeUnit.MILLISECONDS.toNanos(delayMillis)) + " | "
								+ fromPromotion + " | " + fromStop + " | "
								+ window.stream().filter((call) -> !call.succeeded()).count() + " | " + failures(window)
								+ " |");
					}
				}
			}
		}
		this.report.append("### Primary promoted ")
			.append((delayMillis > 0) ? delayMillis / 1000 + " s after the primary stopped" : "at once")
			.append(", multi-host URL\n\n")
			.append("`chanuka.database.url=jdbc:postgresql://h:p1,h:p2/chanuka?targetServerType=primary`, no replicas configured, ")
			.append("defaults otherwise (connection-timeout 5s, breaker defaults). ")
			.append(WRITERS)
			.append(" threads write back to back; the primary is stopped (immediate) and the standby promoted after the delay in the heading (a new cluster per repetition).\n\n")
			.append("| rep | stop + promote took (ms, delay excluded) | writes resumed after promotion (ms) | after the stop (ms) | failed writes | failures |\n")
			.append("|---|---|---|---|---|---|\n");
		rows.forEach((row) -> this.report.append(row).append('\n'));
		this.report.append("\n| measure | median | max |\n|---|---|---|\n")
			.append(summary("writes resume after the promotion completed", afterPromotion, " ms"))
			.append(summary("writes resume after the primary stopped", afterStop, " ms"))
			.append('\n');
	}

	private static Thread watch(ReplicaEligibility eligibility, DatabaseNode replica, long since, StringBuilder out) {
		Thread watcher = new Thread(() -> {
			String last = "";
			while (!Thread.currentThread().isInterrupted()) {
				String reason = String.valueOf(eligibility.explain(replica));
				if (!reason.equals(last)) {
					synchronized (out) {
						out.append(out.isEmpty() ? "" : "; ")
							.append(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since))
							.append(": ")
							.append(reason.equals("null") ? "usable" : reason.replace("|", "/"));
					}
					last = reason;
				}
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "eligibility-watcher");
		watcher.setDaemon(true);
		watcher.start();
		return watcher;
	}

	private static List<Call> between(List<Call> calls, long from, long to) {
		return calls.stream().filter((call) -> call.end() > from && call.end() <= to).toList();
	}

	private static String failures(List<Call> calls) {
		Map<String, Integer> byType = new TreeMap<>();
		for (Call call : calls) {
			if (!call.succeeded()) {
				byType.merge(call.failure().getSimpleName(), 1, Integer::sum);
			}
		}
		if (byType.isEmpty()) {
			return "none";
		}
		Map<String, Integer> ordered = new LinkedHashMap<>(byType);
		StringBuilder text = new StringBuilder();
		ordered.forEach((type, count) -> text.append(text.isEmpty() ? "" : ", ").append(type).append(" ×").append(count));
		return text.toString();
	}

	private static String summary(String measure, List<Long> values, String unit) {
		List<Long> sorted = values.stream().sorted().toList();
		if (sorted.isEmpty()) {
			return "| " + measure + " | n/a | n/a |\n";
		}
		long median = sorted.get(sorted.size() / 2);
		if (sorted.size() % 2 == 0) {
			median = (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
		}
		return "| " + measure + " | " + median + unit + " | " + sorted.get(sorted.size() - 1) + unit + " |\n";
	}

	private static String millis(long nanos) {
		return String.format(Locale.ROOT, "%d", TimeUnit.NANOSECONDS.toMillis(nanos));
	}

	private static <T> T require(T value, String message) {
		if (value == null) {
			throw new IllegalStateException(message);
		}
		return value;
	}

}
