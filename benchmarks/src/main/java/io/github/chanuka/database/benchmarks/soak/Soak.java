package io.github.chanuka.database.benchmarks.soak;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.chanuka.database.benchmarks.BenchApplication;
import io.github.chanuka.database.benchmarks.BenchRepository;
import io.github.chanuka.database.benchmarks.BenchSchema;
import io.github.chanuka.database.benchmarks.BenchTarget;
import io.github.chanuka.database.embedded.EmbeddedPostgresCluster;
import io.github.chanuka.database.embedded.PostgresNode;
import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.DatabaseTopology;
import org.slf4j.LoggerFactory;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A bounded soak of the full starter on an embedded cluster (a primary and two
 * replicas): mixed reads and {@code @DatabaseOperation} writes on several threads while
 * {@code replica-1} is stopped and started every 30 s, with HikariCP's leak detection on.
 * Reports errors by type, the pools' active and idle connections over time, the heap
 * after a full GC at the start and at the end, leak warnings and connections still
 * borrowed once the load stops. {@code chanuka.bench.soak.duration} sets how long it
 * runs (default 10m).
 */
public final class Soak {

	private static final int READERS = 4;

	private static final int WRITERS = 2;

	private static final Duration FLAP = Duration.ofSeconds(30);

	private static final Duration SAMPLE = Duration.ofSeconds(10);

	private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

	private final LongAdder reads = new LongAdder();

	private final LongAdder writes = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private volatile boolean running = true;

	public static void main(String[] args) throws Exception {
		new Soak().run(DurationStyle.detectAndParse(System.getProperty("chanuka.bench.soak.duration", "10m")));
	}

	private void run(Duration duration) throws Exception {
		Path results = Paths.get(System.getProperty("chanuka.bench.results", "target/results"));
		Files.createDirectories(results);
		StringBuilder report = new StringBuilder();
		try (EmbeddedPostgresCluster cluster = EmbeddedPostgresCluster.builder().replicas(2).start()) {
			BenchTarget target = BenchTarget.of("embedded", cluster);
			BenchSchema.create(target);
			cluster.awaitReplicated(Duration.ofSeconds(30));
			Map<String, Object> properties = target.starterProperties(2);
			properties.put("chanuka.database.pool.leak-detection-threshold", "2s");
			try (ConfigurableApplicationContext context = BenchApplication.start(properties)) {
				LeakCounter leaks = LeakCounter.attach();
				BenchRepository repository = context.getBean(BenchRepository.class);
				List<DatabaseNode> nodes = context.getBean(DatabaseTopology.class).nodes();
				List<Thread> workers = startWorkers(repository);
				Thread.sleep(10_000);
				long heapStart = heapAfterGc();
				PostgresNode flapping = cluster.replica(1);
				AtomicInteger flaps = new AtomicInteger();
				List<String> timeline = new ArrayList<>();
				long begin = System.nanoTime();
				long end = begin + duration.toNanos();
				long nextFlap = begin + FLAP.toNanos();
				long nextSample = begin;
				long lastReads = 0;
				long lastWrites = 0;
				long lastFailed = 0;
				while (System.nanoTime() < end) {
					long now = System.nanoTime();
					if (now >= nextSample) {
						long r = this.reads.sum();
						long w = this.writes.sum();
						long f = this.failed.sum();
						timeline.add(sample(now - begin, r - lastReads, w - lastWrites, f - lastFailed,
								flapping.isRunning(), nodes));
						lastReads = r;
						lastWrites = w;
						lastFailed = f;
						nextSample += SAMPLE.toNanos();
					}
					if (now >= nextFlap) {
						if (flapping.isRunning()) {
							flapping.stop();
						}
						else {
							flapping.start();
						}
						flaps.incrementAndGet();
						nextFlap += FLAP.toNanos();
					}
					Thread.sleep(100);
				}
				long elapsed = System.nanoTime() - begin;
				this.running = false;
				for (Thread worker : workers) {
					worker.join(30_000);
				}
				if (!flapping.isRunning()) {
					flapping.start();
				}
				Thread.sleep(3_000);
				int borrowed = nodes.stream().mapToInt(DatabaseNode::activeConnections).sum();
				long heapEnd = heapAfterGc();
				report.append("Duration ")
					.append(TimeUnit.NANOSECONDS.toSeconds(elapsed))
					.append(" s (`chanuka.bench.soak.duration`), primary + 2 replicas, ")
					.append(READERS)
					.append(" threads running `@Transactional(readOnly = true)` primary-key reads and ")
					.append(WRITERS)
					.append(" threads running `@DatabaseOperation` inserts, back to back (readers never write, so ")
					.append("read-your-writes keeps none of them on the primary), `replica-1` stopped (fast) and started every 30 s (")
					.append(flaps.get())
					.append(" stops and starts), `pool.leak-detection-threshold=2s`, other settings default.\n\n");
				report.append("| measure | value |\n|---|---|\n")
					.append("| reads | ").append(this.reads.sum()).append(" |\n")
					.append("| writes | ").append(this.writes.sum()).append(" |\n")
					.append("| failed calls | ").append(this.failed.sum()).append(" |\n")
					.append("| errors by type | ").append(errorsByType()).append(" |\n")
					.append("| HikariCP leak warnings | ").append(leaks.count()).append(" |\n")
					.append("| connections still borrowed 3 s after the load stopped | ").append(borrowed).append(" |\n")
					.append("| heap after full GC, start (after 10 s of load) | ").append(mb(heapStart)).append(" |\n")
					.append("| heap after full GC, end | ").append(mb(heapEnd)).append(" |\n\n");
				report.append("| t (s) | reads/s | writes/s | failed in interval | replica-1 | ");
				for (DatabaseNode node : nodes) {
					report.append(node.name()).append(" active/idle | ");
				}
				report.append("heap used (MB) |\n|---|---|---|---|---|");
				nodes.forEach((node) -> report.append("---|"));
				report.append("---|\n");
				timeline.forEach((row) -> report.append(row).append('\n'));
			}
		}
		Files.writeString(results.resolve("soak.md"), report);
		System.out.println();
		System.out.println(report);
	}

	private List<Thread> startWorkers(BenchRepository repository) {
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < READERS + WRITERS; i++) {
			boolean writer = i >= READERS;
			Thread worker = new Thread(() -> {
				while (this.running) {
					ThreadLocalRandom random = ThreadLocalRandom.current();
					long id = random.nextLong(1, BenchSchema.ITEMS + 1);
					try {
						if (writer) {
							repository.insert(id, "soak");
							this.writes.increment();
						}
						else {
							repository.findName(id);
							this.reads.increment();
						}
					}
					catch (RuntimeException ex) {
						this.failed.increment();
						this.errors.computeIfAbsent(describe(ex), (key) -> new LongAdder()).increment();
					}
				}
			}, (writer ? "soak-writer-" : "soak-reader-") + i);
			worker.setDaemon(true);
			worker.start();
			workers.add(worker);
		}
		return workers;
	}

	private static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return ex.getClass().getSimpleName() + ((root != ex) ? " (" + root.getClass().getSimpleName() + ")" : "");
	}

	private String errorsByType() {
		if (this.errors.isEmpty()) {
			return "none";
		}
		StringBuilder text = new StringBuilder();
		new TreeMap<>(this.errors).forEach((type, count) -> text.append(text.isEmpty() ? "" : ", ")
			.append(type)
			.append(" ×")
			.append(count.sum()));
		return text.toString();
	}

	private static String sample(long elapsed, long reads, long writes, long failed, boolean flappingUp,
			List<DatabaseNode> nodes) {
		double seconds = SAMPLE.toSeconds();
		StringBuilder row = new StringBuilder("| ").append(TimeUnit.NANOSECONDS.toSeconds(elapsed))
			.append(" | ")
			.append(String.format(Locale.ROOT, "%.0f", reads / seconds))
			.append(" | ")
			.append(String.format(Locale.ROOT, "%.0f", writes / seconds))
			.append(" | ")
			.append(failed)
			.append(" | ")
			.append(flappingUp ? "up" : "down")
			.append(" | ");
		for (DatabaseNode node : nodes) {
			HikariPoolMXBean pool = node.dataSource().getHikariPoolMXBean();
			row.append((pool != null) ? pool.getActiveConnections() + "/" + pool.getIdleConnections() : "-")
				.append(" | ");
		}
		Runtime runtime = Runtime.getRuntime();
		return row.append((runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024)).append(" |").toString();
	}

	private static long heapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(200);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static String mb(long bytes) {
		return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
	}

	/**
	 * Counts HikariCP's leak warnings ({@code ProxyLeakTask}).
	 */
	private static final class LeakCounter extends AppenderBase<ILoggingEvent> {

		private final LongAdder count = new LongAdder();

		static LeakCounter attach() {
			Logger logger = (Logger) LoggerFactory.getLogger("com.zaxxer.hikari.pool.ProxyLeakTask");
			LeakCounter counter = new LeakCounter();
			counter.setContext(logger.getLoggerContext());
			counter.setName("leak-counter");
			counter.start();
			logger.setLevel(Level.WARN);
			logger.addAppender(counter);
			return counter;
		}

		@Override
		protected void append(ILoggingEvent event) {
			if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
				this.count.increment();
			}
		}

		long count() {
			return this.count.sum();
		}

	}

}
