package io.github.chanuka.database.sample;

import java.util.List;
import java.util.Optional;

import io.github.chanuka.database.resilience.DatabaseOperation;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Use cases of the bills service. Reads run in read-only transactions, which the
 * starter may serve from a read replica; writes run on the primary.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@Service
@Transactional(readOnly = true)
public class BillService {

	private final BillRepository repository;

	public BillService(BillRepository repository) {
		this.repository = repository;
	}

	/**
	 * List bills, optionally only those at one stage.
	 * @param status the stage, or {@code null} for every bill
	 * @return the bills, oldest first
	 */
	public List<Bill> list(@Nullable BillStatus status) {
		return (status != null) ? this.repository.findByStatus(status) : this.repository.findAll();
	}

	/**
	 * Find one bill.
	 * @param id the identifier
	 * @return the bill, empty when unknown
	 */
	public Optional<Bill> find(long id) {
		return this.repository.findById(id);
	}

	/**
	 * Introduce a bill.
	 * @param bill the bill
	 * @return the stored bill
	 */
	@DatabaseOperation("create-bill")
	@Transactional
	public Bill create(NewBill bill) {
		return this.repository.insert(bill);
	}

	/**
	 * Change a bill. A body without changes leaves the bill, and its timestamp, as it
	 * is.
	 * @param id the identifier
	 * @param changes the fields to replace
	 * @return the bill after the change, empty when unknown
	 */
	@DatabaseOperation("update-bill")
	@Transactional
	public Optional<Bill> update(long id, BillChanges changes) {
		return changes.changesNothing() ? this.repository.findById(id) : this.repository.update(id, changes);
	}

}
