package io.github.chanuka.database.sample;

import io.github.chanuka.database.ops.schema.DataValidationRule;
import io.github.chanuka.database.ops.schema.Severity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Bills service of the Chanuka civic platform: the sample application of Chanuka
 * Database. Configure its database with {@code chanuka.database.*}; for development,
 * {@code TestSampleApplication} (test scope) runs it on an embedded PostgreSQL cluster.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	/**
	 * A data check run by {@code db validate} and {@code /actuator/database/validation}:
	 * a bill cannot be introduced in the future.
	 * @return the rule
	 */
	@Bean
	DataValidationRule billsIntroducedInTheFuture() {
		return new DataValidationRule("bills-introduced-in-the-future",
				"SELECT id, title, introduced_on FROM bills WHERE introduced_on > current_date", Severity.ERROR);
	}

}
