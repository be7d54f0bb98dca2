package io.github.chanuka.database.cli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * An application as users write it, for running {@code db} commands in a separate
 * process.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
		"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration" })
public class CommandLineTestApplication {

	public static void main(String[] args) {
		SpringApplication.run(CommandLineTestApplication.class, args);
	}

}
