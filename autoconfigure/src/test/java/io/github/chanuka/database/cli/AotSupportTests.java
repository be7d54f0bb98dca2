package io.github.chanuka.database.cli;

import java.util.List;

import io.github.chanuka.database.ops.DatabaseStatus;
import io.github.chanuka.database.ops.ReportRuntimeHints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.SpringProperties;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What AOT processing and a native image need: the registrars are found through
 * {@code aot.factories} and cover the commands, the JDBC proxies and the endpoint's
 * reports; in AOT mode a command keeps the generated application type and switches the
 * web server off instead.
 */
class AotSupportTests {

	@AfterEach
	void leaveAotMode() {
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
	}

	@Test
	void registrarsAreDeclaredInAotFactories() {
		List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class);
		assertThat(registrars).hasAtLeastOneElementOfType(CommandRuntimeHints.class)
			.hasAtLeastOneElementOfType(ReportRuntimeHints.class);
	}

	@Test
	void hintsCoverCommandsAndReports() {
		RuntimeHints hints = new RuntimeHints();
		new CommandRuntimeHints().registerHints(hints, getClass().getClassLoader());
		new ReportRuntimeHints().registerHints(hints, getClass().getClassLoader());
		for (Class<?> command : CommandRuntimeHints.TYPES) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(command)
				.withMemberCategories(MemberCategory.ACCESS_DECLARED_FIELDS, MemberCategory.INVOKE_DECLARED_METHODS))
				.accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.reflection().onType(DatabaseStatus.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(DatabaseStatus.Node.class)).accepts(hints);
	}

	@Test
	void commandsSwitchTheWebServerOffInAotModeInsteadOfTheApplicationType() {
		assertThat(DatabaseCommandRunListener.commandDefaults()).containsEntry("spring.main.web-application-type", "none")
			.doesNotContainKey("server.port");
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, "true");
		assertThat(DatabaseCommandRunListener.commandDefaults()).containsEntry("server.port", "-1")
			.doesNotContainKey("spring.main.web-application-type");
	}

}
