package io.github.chanuka.database.ops.backup;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ScratchRestore}'s scratch database names.
 */
class ScratchRestoreTests {

	@Test
	void aScratchNameTellsWhenItWasCreatedInUtc() {
		Instant now = Instant.parse("2026-11-29T23:59:58.123Z");
		String name = ScratchRestore.scratchName(now);
		assertThat(name).matches("chanuka_verify_20261129_235958_123_[0-9a-f]{4}");
		assertThat(ScratchRestore.createdAt(name)).isEqualTo(now);
	}

	@Test
	void otherDatabasesHaveNoCreationTime() {
		assertThat(ScratchRestore.createdAt("bills")).isNull();
		assertThat(ScratchRestore.createdAt("chanuka_verify_mine")).isNull();
		assertThat(ScratchRestore.createdAt("chanuka_verify_2026112x_235958_123_beef")).isNull();
	}

}
