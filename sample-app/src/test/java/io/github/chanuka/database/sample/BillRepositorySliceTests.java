package io.github.chanuka.database.sample;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Boot's {@code @JdbcTest} slice includes the starter: on the embedded cluster (started
 * by the sample's initializer, no {@code @DynamicPropertySource}), a read-only service
 * call runs on a replica and a write on the primary.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ BillService.class, BillRepository.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class BillRepositorySliceTests {

	@Autowired
	private BillService bills;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Test
	void readOnlyCallsRunOnAReplicaAndWritesOnThePrimaryInAJdbcTestSlice() {
		Bill created = this.bills.create(new NewBill("Slice Bill", null, null, LocalDate.of(2025, 1, 31)));
		TransactionTemplate readOnly = new TransactionTemplate(this.transactionManager);
		readOnly.setReadOnly(true);
		// the replicas are usable once the node monitor's first probe saw them
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> {
				Boolean onReplica = readOnly.execute((status) -> inRecovery());
				assertThat(onReplica).as("read-only transaction on a replica").isTrue();
			});
		assertThat(inRecovery()).as("no transaction: the primary").isFalse();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.bills.find(created.id()))
			.as("replicated and read through the read-only service")
			.isPresent());
	}

	private Boolean inRecovery() {
		return this.jdbc.sql("select pg_is_in_recovery()").query(Boolean.class).single();
	}

}
