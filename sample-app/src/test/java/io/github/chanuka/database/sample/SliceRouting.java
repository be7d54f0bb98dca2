package io.github.chanuka.database.sample;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one check every slice test makes, whichever way it reached the embedded cluster: a
 * write runs on the primary, and a read-only transaction runs on a replica and reads
 * the write once it replicated.
 */
final class SliceRouting {

	private SliceRouting() {
	}

	static void assertReadsOnAReplicaAndWritesOnThePrimary(BillService bills, JdbcClient jdbc,
			PlatformTransactionManager transactionManager) {
		Bill created = bills.create(new NewBill("Slice Bill", null, null, LocalDate.of(2025, 1, 31)));
		TransactionTemplate readOnly = new TransactionTemplate(transactionManager);
		readOnly.setReadOnly(true);
		// the replicas are usable once the node monitor's first probe saw them
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Boolean onReplica = readOnly.execute((status) -> inRecovery(jdbc));
			assertThat(onReplica).as("read-only transaction on a replica").isTrue();
		});
		assertThat(inRecovery(jdbc)).as("no transaction: the primary").isFalse();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Optional<Bill> found = readOnly.execute((status) -> bills.find(created.id()));
			assertThat(found).as("replicated and read in a read-only transaction on a replica").isPresent();
		});
	}

	private static Boolean inRecovery(JdbcClient jdbc) {
		return jdbc.sql("select pg_is_in_recovery()").query(Boolean.class).single();
	}

}
