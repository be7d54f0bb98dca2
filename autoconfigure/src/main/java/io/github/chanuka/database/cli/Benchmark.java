package io.github.chanuka.database.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Load through the application's {@code DataSource}: read-only transactions, which the
 * router sends to replicas, and write transactions inserting into a scratch table that
 * is dropped afterwards, also when the run is interrupted or {@link #stop() stopped}
 * (the application shutting down). Four reads for every write.
 *
 * @author Chanuka Database
 */
final class Benchmark {

	private static final int READS_PER_WRITE = 4;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate reads;

	private final TransactionTemplate writes;

	private final String table = "chanuka_benchmark_" + UUID.randomUUID().toString().substring(0, 8);

	private final AtomicBoolean dropped = new AtomicBoolean();

	private volatile boolean stopped;

	Benchmark(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		JdbcTransactionManager transactionManager = new JdbcTransactionManager(dataSource);
		this.reads = new TransactionTemplate(transactionManager);
		this.reads.setReadOnly(true);
		this.writes = new TransactionTemplate(transactionManager);
	}

	BenchmarkReport run(Duration duration, int threads) throws InterruptedException {
		this.jdbc.execute("create table " + this.table
				+ " (id bigint generated always as identity primary key, payload text not null,"
				+ " created_at timestamptz not null default now())");
		try {
			return load(this.table, duration, threads);
		}
		finally {
			dropTable();
		}
	}

	/**
	 * End the load and drop the scratch table, from another thread.
	 */
	void stop() {
		this.stopped = true;
		dropTable();
	}

	private void dropTable() {
		if (this.dropped.compareAndSet(false, true)) {
			// an interrupted thread could not borrow the connection that cleans up
			boolean interrupted = Thread.interrupted();
			try {
				this.jdbc.execute("drop table if exists " + this.table);
			}
			finally {
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}

	private BenchmarkReport load(String table, Duration duration, int threads) throws InterruptedException {
		Recorder reads = new Recorder();
		Recorder writes = new Recorder();
		AtomicLong onReplicas = new AtomicLong();
		String insert = "insert into " + table + " (payload) values (?)";
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		ExecutorService executor = Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, "chanuka-benchmark");
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<Recorder[]>> workers = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				workers.add(executor.submit(() -> {
					Recorder threadReads = new Recorder();
					Recorder threadWrites = new Recorder();
					for (long n = 0; System.nanoTime() < deadline && !this.stopped
							&& !Thread.currentThread().isInterrupted(); n++) {
						if (n % (READS_PER_WRITE + 1) == READS_PER_WRITE) {
							threadWrites.time(() -> this.writes
								.executeWithoutResult((status) -> this.jdbc.update(insert, "benchmark")));
						}
						else {
							threadReads.time(() -> {
								boolean standby = this.reads.execute((status) -> Boolean.TRUE
									.equals(this.jdbc.queryForObject("select pg_is_in_recovery()", Boolean.class)));
								if (standby) {
									onReplicas.incrementAndGet();
								}
							});
						}
					}
					return new Recorder[] { threadReads, threadWrites };
				}));
			}
			for (Future<Recorder[]> worker : workers) {
				Recorder[] recorded = worker.get();
				reads.addAll(recorded[0]);
				writes.addAll(recorded[1]);
			}
		}
		catch (ExecutionException ex) {
			Throwable failure = Objects.requireNonNullElse(ex.getCause(), ex);
			throw new IllegalStateException("A benchmark thread failed: " + failure.getMessage(), failure);
		}
		finally {
			executor.shutdownNow();
		}
		long elapsed = System.nanoTime() - start;
		return new BenchmarkReport(Duration.ofNanos(elapsed).toMillis(), threads,
				List.of(reads.result("read", elapsed), writes.result("write", elapsed)), onReplicas.get());
	}

	/**
	 * Latencies and failures of one kind of work.
	 */
	private static final class Recorder {

		private long[] latencies = new long[1024];

		private int count;

		private long errors;

		private final AtomicReference<String> firstError = new AtomicReference<>();

		void time(Runnable operation) {
			long started = System.nanoTime();
			try {
				operation.run();
				add(System.nanoTime() - started);
			}
			catch (RuntimeException ex) {
				this.errors++;
				this.firstError.compareAndSet(null, StartupFailureReport.messages(ex));
			}
		}

		private void add(long latency) {
			if (this.count == this.latencies.length) {
				this.latencies = Arrays.copyOf(this.latencies, this.count * 2);
			}
			this.latencies[this.count++] = latency;
		}

		void addAll(Recorder other) {
			for (int i = 0; i < other.count; i++) {
				add(other.latencies[i]);
			}
			this.errors += other.errors;
			this.firstError.compareAndSet(null, other.firstError.get());
		}

		BenchmarkReport.RoleResult result(String role, long elapsedNanos) {
			long[] sorted = Arrays.copyOf(this.latencies, this.count);
			Arrays.sort(sorted);
			double seconds = elapsedNanos / 1e9;
			return new BenchmarkReport.RoleResult(role, this.count, this.errors,
					round(this.count / seconds), millis(sorted, 0.50), millis(sorted, 0.95), millis(sorted, 0.99),
					(sorted.length > 0) ? round(sorted[sorted.length - 1] / 1e6) : 0, this.firstError.get());
		}

		private static double millis(long[] sorted, double percentile) {
			if (sorted.length == 0) {
				return 0;
			}
			int rank = (int) Math.ceil(percentile * sorted.length) - 1;
			return round(sorted[Math.max(rank, 0)] / 1e6);
		}

		private static double round(double value) {
			return Math.round(value * 100) / 100.0;
		}

	}

}
