package io.github.chanuka.database.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlowQueryLogTests {

	private final AtomicLong now = new AtomicLong();

	private final List<String> lines = new ArrayList<>();

	private final SlowQueryLog log = new SlowQueryLog(Duration.ofMinutes(1), this.now::get, this.lines::add);

	@Test
	void oneLinePerShapePerMinuteThenTheCountOfWhatWasHeldBack() {
		for (int i = 0; i < 5; i++) {
			this.log.slow("primary", "primary", 2_000_000_000L, 1_000_000_000L, "select ? from t");
			this.now.addAndGet(Duration.ofSeconds(10).toNanos());
		}
		assertThat(this.lines).singleElement()
			.isEqualTo("Slow statement on primary (primary): 2000 ms, over the 1000 ms threshold: select ? from t");
		this.now.addAndGet(Duration.ofSeconds(20).toNanos());
		this.log.slow("primary", "primary", 3_000_000_000L, 1_000_000_000L, "select ? from t");
		assertThat(this.lines).hasSize(2);
		assertThat(this.lines.get(1)).endsWith("select ? from t (4 more of this statement not logged in the last 60 s)");
	}

	@Test
	void shapesAndNodesAreLimitedApart() {
		this.log.slow("primary", "primary", 2, 1, "select ? from t");
		this.log.slow("primary", "primary", 2, 1, "select ? from u");
		this.log.slow("replica-1", "replica", 2, 1, "select ? from t");
		this.log.slow("replica-1", "replica", 2, 1, "select ? from t");
		assertThat(this.lines).hasSize(3);
	}

}
