package io.github.chanuka.database.ops.backup;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress read from {@code pg_restore --verbose}, and its errors told apart from its
 * information.
 */
class PgRestoreVerboseLinesTests {

	@Test
	void eachCreatedLoadedOrExecutedEntryCountsOnceUpToTheTotal() {
		List<String> seen = new ArrayList<>();
		PgRestoreVerboseLines lines = new PgRestoreVerboseLines(3,
				(done, total, object) -> seen.add(done + "/" + total + " " + object));
		lines.accept("pg_restore: connecting to database for restore");
		lines.accept("pg_restore: creating TABLE \"public.bills\"");
		lines.accept("pg_restore: processing data for table \"public.bills\"");
		lines.accept("pg_restore: dropping TABLE bills");
		lines.accept("pg_restore: executing SEQUENCE SET bills_id_seq");
		lines.accept("pg_restore: creating INDEX \"public.bills_title\"");
		assertThat(seen).containsExactly("1/3 TABLE public.bills", "2/3 TABLE DATA public.bills",
				"3/3 SEQUENCE SET bills_id_seq", "3/3 INDEX public.bills_title");
	}

	@Test
	void finishingReportsTheEntriesWithoutALineOfTheirOwn() {
		List<String> seen = new ArrayList<>();
		PgRestoreVerboseLines lines = new PgRestoreVerboseLines(5, (done, total, object) -> seen.add(done + "/" + total));
		lines.accept("pg_restore: creating TABLE \"public.bills\"");
		lines.finish();
		assertThat(seen).containsExactly("1/5", "5/5");
	}

	@Test
	void problemsKeepErrorsAndTheirDetailButNotProgress() {
		String stderr = """
				pg_restore: connecting to database for restore
				pg_restore: creating TABLE "public.bills"
				pg_restore: error: could not execute query: ERROR:  relation "bills" already exists
				Command was: CREATE TABLE public.bills (id bigint);
				""";
		assertThat(PgRestoreVerboseLines.problems(stderr)).isEqualTo(
				"pg_restore: error: could not execute query: ERROR:  relation \"bills\" already exists\n"
						+ "Command was: CREATE TABLE public.bills (id bigint);\n");
	}

}
