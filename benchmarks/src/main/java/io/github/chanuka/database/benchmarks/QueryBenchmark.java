package io.github.chanuka.database.benchmarks;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A primary-key SELECT in a read-only transaction and an INSERT in a write transaction,
 * at 1 and 8 threads, for each {@link Variant}, against the same server in the same run.
 * Throughput for the ratios, sample time for p50 and p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode({ Mode.Throughput, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class QueryBenchmark {

	@Param({ "RAW", "BOOT_JDBC", "STARTER", "STARTER_NO_METRICS", "STARTER_DATASOURCE", "STARTER_CAUSAL_OFF",
			"STARTER_NO_BREAKER" })
	public Variant variant;

	private Variant.Stack stack;

	@Setup(Level.Trial)
	public void open(BenchmarkParams params) throws SQLException {
		BenchTarget target = BenchTarget.fromSystemProperties();
		boolean reads = params.getBenchmark().contains(".select");
		if (!reads) {
			BenchSchema.truncateEvents(target);
		}
		this.stack = this.variant.open(target, reads);
		this.stack.warmPool();
	}

	@TearDown(Level.Trial)
	public void close() {
		this.stack.close();
	}

	@Benchmark
	@Threads(1)
	public String select1() throws SQLException {
		return this.stack.findName(randomId());
	}

	@Benchmark
	@Threads(8)
	public String select8() throws SQLException {
		return this.stack.findName(randomId());
	}

	@Benchmark
	@Threads(1)
	public int insert1() throws SQLException {
		return this.stack.insert(randomId(), "benchmark");
	}

	@Benchmark
	@Threads(8)
	public int insert8() throws SQLException {
		return this.stack.insert(randomId(), "benchmark");
	}

	private static long randomId() {
		return ThreadLocalRandom.current().nextLong(1, BenchSchema.ITEMS + 1);
	}

}
