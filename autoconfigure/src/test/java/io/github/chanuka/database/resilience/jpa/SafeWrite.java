package io.github.chanuka.database.resilience.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row per write, keyed by a business key that is not unique in the table, so that
 * a repeated write shows as a second row.
 */
@Entity
@Table(name = "jpa_write_safety")
public class SafeWrite {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String businessKey;

	protected SafeWrite() {
	}

	public SafeWrite(String businessKey) {
		this.businessKey = businessKey;
	}

	public Long getId() {
		return this.id;
	}

	public String getBusinessKey() {
		return this.businessKey;
	}

}
