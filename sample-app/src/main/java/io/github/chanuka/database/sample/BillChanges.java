package io.github.chanuka.database.sample;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code PATCH /api/bills/{id}}: each field present replaces the stored value,
 * each field absent or {@code null} keeps it.
 *
 * @param title the new title, not blank when present
 * @param status the new legislative stage
 * @param sponsor the new sponsoring member
 * @author Chanuka Database
 * @since 0.1.0
 */
public record BillChanges(@Nullable @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Size(
		max = 300) String title, @Nullable BillStatus status, @Nullable @Size(max = 200) String sponsor) {

	/**
	 * Return whether the body changes anything.
	 * @return whether at least one field is present
	 */
	public boolean changesNothing() {
		return this.title == null && this.status == null && this.sponsor == null;
	}

}
