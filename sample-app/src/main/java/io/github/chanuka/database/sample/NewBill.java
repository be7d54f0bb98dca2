package io.github.chanuka.database.sample;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/bills}.
 *
 * @param title the title, required
 * @param status the legislative stage, {@link BillStatus#INTRODUCED} when absent
 * @param sponsor the sponsoring member, optional
 * @param introducedOn the date the bill was tabled, required
 * @author Chanuka Database
 * @since 0.1.0
 */
public record NewBill(@NotBlank @Size(max = 300) String title, @Nullable BillStatus status,
		@Nullable @Size(max = 200) String sponsor, @NotNull LocalDate introducedOn) {

	/**
	 * Return the status to store.
	 * @return the given status, or {@link BillStatus#INTRODUCED}
	 */
	public BillStatus statusOrDefault() {
		return (this.status != null) ? this.status : BillStatus.INTRODUCED;
	}

}
