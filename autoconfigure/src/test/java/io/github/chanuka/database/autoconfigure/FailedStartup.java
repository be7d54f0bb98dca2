package io.github.chanuka.database.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.CommandLineRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Starts an application as a user would, with {@code SpringApplication} and command-line
 * arguments, expects it to fail, and checks the output: Boot's failure report, no stack
 * trace above it, no secret anywhere.
 */
final class FailedStartup {

	static final String REPORT = "APPLICATION FAILED TO START";

	/**
	 * A closed port on this machine: the driver's connection is refused at once.
	 */
	static final String UNREACHABLE_PRIMARY = "jdbc:postgresql://127.0.0.1:5/x";

	private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(");

	private FailedStartup() {
	}

	/**
	 * Arguments of an application with a Liquibase changelog, no web server and no JPA,
	 * so that startup needs the database.
	 * @param settings {@code key=value} settings, without the leading {@code --}
	 * @return the arguments
	 */
	static String[] withChangelog(List<String> settings) {
		List<String> args = new ArrayList<>(List.of("--spring.main.web-application-type=none",
				"--spring.liquibase.change-log=classpath:db/test-changelog.yaml",
				"--spring.autoconfigure.exclude=org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"));
		settings.forEach((setting) -> args.add("--" + setting));
		return args.toArray(String[]::new);
	}

	static void run(Class<?> application, String... args) {
		assertThatException().isThrownBy(() -> new SpringApplication(application).run(args).close());
	}

	/**
	 * Check the output of a failed start: Boot's report containing every expected text,
	 * no stack trace above it, no secret anywhere.
	 * @param output the captured output
	 * @param secret text that must appear nowhere
	 * @param expected texts the report must contain
	 * @return the report
	 */
	static String assertReport(CapturedOutput output, String secret, String... expected) {
		String all = output.getAll();
		assertThat(all).as("output").contains(REPORT).doesNotContain(secret);
		String before = all.substring(0, all.indexOf(REPORT));
		assertThat(STACK_FRAME.matcher(before).find()).as("stack trace above the report in:%n%s", before).isFalse();
		assertThat(before).doesNotContain("Caused by:", "Application run failed");
		String report = all.substring(all.indexOf(REPORT));
		assertThat(report).contains(expected);
		return report;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class RunnerApplication {

		@Bean
		CommandLineRunner warmUp(JdbcTemplate jdbc) {
			return (args) -> jdbc.queryForObject("select 1", Integer.class);
		}

	}

}
