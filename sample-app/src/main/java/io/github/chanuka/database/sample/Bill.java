package io.github.chanuka.database.sample;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A bill as stored in the {@code bills} table.
 *
 * @param id the generated identifier
 * @param title the title
 * @param status the legislative stage
 * @param sponsor the sponsoring member, if known
 * @param introducedOn the date the bill was tabled
 * @param updatedAt when the row last changed
 * @author Chanuka Database
 * @since 0.1.0
 */
public record Bill(long id, String title, BillStatus status, @Nullable String sponsor, LocalDate introducedOn,
		OffsetDateTime updatedAt) {

}
