package io.github.chanuka.database.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

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
		SliceRouting.assertReadsOnAReplicaAndWritesOnThePrimary(this.bills, this.jdbc, this.transactionManager);
	}

}
