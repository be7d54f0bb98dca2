package io.github.chanuka.database.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Bills service of the Chanuka civic platform: the sample application of Chanuka
 * Database. Runs on an embedded PostgreSQL cluster unless a database is configured
 * (see {@link EmbeddedClusterInitializer}).
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
