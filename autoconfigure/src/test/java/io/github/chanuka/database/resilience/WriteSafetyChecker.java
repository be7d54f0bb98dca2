package io.github.chanuka.database.resilience;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.github.chanuka.database.embedded.PostgresNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one write-safety checker every entry point is run through: unique business keys
 * are written by two threads while a third kills a random client backend every few
 * milliseconds, then the table is read back. Every key the caller saw succeed is stored
 * exactly once, no key is stored twice, and every key whose write failed is either absent
 * or was reported as outcome-unknown.
 * <p>
 * A storm ends on its evidence, not on a key count: once {@link #KILLS} backends were
 * killed and {@link #UNKNOWN_OUTCOMES} writes were left in doubt (the writes a wrong retry
 * would store twice). How many keys that takes depends on the entry point and the
 * machine's load: 1,000 to 3,500 on a quiet machine. Storms of a fixed 10,000 keys took
 * three times as long and killed as few as 18 backends on a busy one.
 */
final class WriteSafetyChecker {

	/**
	 * Backends a storm kills at least ({@code -Dchanuka.test.write-safety.kills}).
	 */
	static final int KILLS = Integer.getInteger("chanuka.test.write-safety.kills", 200);

	/**
	 * Writes whose outcome a storm leaves unknown before it ends, unless it reaches
	 * {@link #MAXIMUM_WRITES} first ({@code -Dchanuka.test.write-safety.unknown-outcomes}).
	 */
	static final int UNKNOWN_OUTCOMES = Integer.getInteger("chanuka.test.write-safety.unknown-outcomes", 100);

	/**
	 * Keys every storm writes at least, however soon its kills are reached.
	 */
	static final int MINIMUM_WRITES = 1_000;

	/**
	 * Keys after which a storm ends even without its evidence (the check then fails if the
	 * kills fell short).
	 */
	static final int MAXIMUM_WRITES = 50_000;

	private static final long KILL_PACING_NANOS = TimeUnit.MILLISECONDS.toNanos(8);

	private static final Path REPORT = Path.of("target", "write-safety.txt");

	private WriteSafetyChecker() {
	}

	/**
	 * Write keys {@code <path>-<i>} into {@code table(business_key)} until the storm has
	 * its evidence, then check the outcome.
	 * @param path the entry point, the prefix of its keys
	 * @param primary the primary, for the killer and the read-back
	 * @param table the table with a {@code business_key} column and no unique constraint
	 * @param writer writes one key through the entry point
	 * @return the figures
	 */
	static Report check(String path, PostgresNode primary, String table, KeyWriter writer)
			throws Exception {
		// one connection for the killer: a new one per kill would make kills wait on authentication
		SingleConnectionDataSource killerConnection = new SingleConnectionDataSource(primary.dataSource().getConnection(),
				true);
		AtomicBoolean writing = new AtomicBoolean(true);
		AtomicLong killed = new AtomicLong();
		AtomicInteger attempted = new AtomicInteger();
		Thread killer = new Thread(() -> kill(new JdbcTemplate(killerConnection), writing, killed), "backend-killer");
		killer.start();
		Set<String> succeeded = ConcurrentHashMap.newKeySet();
		Set<String> unknown = ConcurrentHashMap.newKeySet();
		Map<String, Throwable> failed = new ConcurrentHashMap<>();
		List<Thread> writerThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
		ExecutorService writers = Executors.newFixedThreadPool(2, (task) -> {
			Thread thread = new Thread(task, path + "-writer-" + writerThreads.size());
			writerThreads.add(thread);
			return thread;
		});
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int offset = 0; offset < 2; offset++) {
				int first = offset;
				done.add(writers.submit(() -> {
					for (int i = first; stormGoesOn(attempted, killed, unknown); i += 2) {
						attempted.incrementAndGet();
						String key = path + "-" + i;
						try {
							writer.write(key);
							succeeded.add(key);
						}
						catch (Throwable ex) {
							if (isOutcomeUnknown(ex)) {
								unknown.add(key);
							}
							else {
								failed.put(key, ex);
							}
						}
					}
				}));
			}
			for (Future<?> writing1 : done) {
				try {
					writing1.get(3, TimeUnit.MINUTES);
				}
				catch (java.util.concurrent.TimeoutException ex) {
					throw new AssertionError("Writers of " + path + " did not finish in 3 minutes (" + succeeded.size()
							+ " succeeded, " + unknown.size() + " unknown, " + failed.size() + " failed so far): "
							+ stacks(writerThreads), ex);
				}
			}
		}
		finally {
			writing.set(false);
			killer.join();
			writers.shutdownNow();
			killerConnection.destroy();
		}
		JdbcTemplate readBack = new JdbcTemplate(primary.dataSource());
		Map<String, Long> stored = new ConcurrentHashMap<>();
		readBack.query("select business_key, count(*) from " + table + " where business_key like ? group by business_key",
				(rs) -> {
					stored.put(rs.getString(1), rs.getLong(2));
				}, path + "-%");
		Report report = new Report(path, succeeded.size(), unknown.size(),
				unknown.stream().filter(stored::containsKey).count(), failed.size(), killed.get(),
				stored.entrySet().stream().filter((entry) -> entry.getValue() > 1).map(Map.Entry::getKey).toList(),
				failed.values().stream().map((ex) -> ex.getClass().getSimpleName()).distinct().limit(5).toList());
		report.log();
		assertThat(killed.get()).as("backends killed in %d writes", attempted.get()).isGreaterThanOrEqualTo(KILLS);
		assertThat(succeeded.size() + unknown.size() + failed.size()).isEqualTo(attempted.get())
			.isGreaterThanOrEqualTo(MINIMUM_WRITES);
		assertThat(report.storedTwice()).as("keys stored twice").isEmpty();
		assertThat(succeeded).as("every success is stored").allMatch(stored::containsKey);
		assertThat(failed.keySet()).as("no failure the caller saw as a failure is stored")
			.noneMatch(stored::containsKey);
		assertThat(stored.keySet()).allMatch((key) -> succeeded.contains(key) || unknown.contains(key));
		return report;
	}

	private static boolean stormGoesOn(AtomicInteger attempted, AtomicLong killed, Set<String> unknown) {
		int writes = attempted.get();
		boolean evidence = killed.get() >= KILLS && unknown.size() >= UNKNOWN_OUTCOMES;
		return writes < MINIMUM_WRITES || (!evidence && writes < MAXIMUM_WRITES);
	}

	private static String stacks(List<Thread> threads) {
		StringBuilder stacks = new StringBuilder();
		for (Thread thread : threads) {
			stacks.append(System.lineSeparator()).append(thread.getName()).append(' ').append(thread.getState());
			for (StackTraceElement element : thread.getStackTrace()) {
				stacks.append(System.lineSeparator()).append("\tat ").append(element);
			}
		}
		return stacks.toString();
	}

	private static boolean isOutcomeUnknown(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CommitOutcomeUnknownException) {
				return true;
			}
		}
		return false;
	}

	private static void kill(JdbcTemplate direct, AtomicBoolean writing, AtomicLong kills) {
		while (writing.get()) {
			Boolean killed = direct.queryForObject("select coalesce(bool_or(pg_terminate_backend(pid)), false) "
					+ "from (select pid from pg_stat_activity where datname = current_database() "
					+ "and pid <> pg_backend_pid() and backend_type = 'client backend' "
					+ "order by random() limit 1) victim", Boolean.class);
			if (Boolean.TRUE.equals(killed)) {
				kills.incrementAndGet();
			}
			LockSupport.parkNanos(KILL_PACING_NANOS);
		}
	}

	@FunctionalInterface
	interface KeyWriter {

		void write(String key) throws Throwable;

	}

	record Report(String path, int succeeded, int unknown, long unknownCommitted, int failed, long kills,
			List<String> storedTwice, List<String> failureTypes) {

		void log() {
			String line = String.format("| %s | %d | %d | %d | %d | %d | %d | %s |%n", this.path, this.succeeded,
					this.unknown, this.unknownCommitted, this.failed, this.kills, this.storedTwice.size(),
					String.join(", ", this.failureTypes));
			System.getLogger(WriteSafetyChecker.class.getName()).log(System.Logger.Level.INFO, "write safety " + line);
			try {
				Files.createDirectories(REPORT.getParent());
				Files.writeString(REPORT, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				// the figures are in the log line too
			}
		}

	}

}
