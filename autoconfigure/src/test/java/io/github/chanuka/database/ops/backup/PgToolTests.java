package io.github.chanuka.database.ops.backup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Versions of the PostgreSQL client tools.
 */
class PgToolTests {

	@Test
	void versionIsReadAfterTheProductName() {
		assertThat(PgTool.parseVersion("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)")).isEqualTo("15.20");
		assertThat(PgTool.parseVersion("pg_restore (PostgreSQL) 17.2")).isEqualTo("17.2");
		assertThat(PgTool.parseVersion("not a version")).isNull();
	}

	@Test
	void majorVersionsAreNumberedAsTheServerNumbersThem() {
		assertThat(PgTool.majorVersionNumber("15.20")).isEqualTo(150000);
		assertThat(PgTool.majorVersionNumber("17")).isEqualTo(170000);
		assertThat(PgTool.majorVersionNumber("9.6.24")).isEqualTo(90600);
		assertThat(PgTool.majorVersionNumber("unknown")).isZero();
		assertThat(PgTool.majorVersion(170000)).isEqualTo("17");
		assertThat(PgTool.majorVersion(90600)).isEqualTo("9.6");
	}

}
