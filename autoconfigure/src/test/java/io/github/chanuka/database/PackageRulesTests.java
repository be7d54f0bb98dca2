package io.github.chanuka.database;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of DESIGN.md section 1, checked on the compiled runtime classes:
 * arrows point one way, from wiring down to the node core.
 */
class PackageRulesTests {

	private static final String BASE = "io.github.chanuka.database";

	private static final JavaClasses RUNTIME = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(BASE);

	@Test
	void packagesHaveNoCycles() {
		slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(RUNTIME);
	}

	@Test
	void nothingOutsideAutoconfigureImportsIt() {
		noClasses().that()
			.resideOutsideOfPackage(BASE + ".autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(BASE + ".autoconfigure..")
			.check(RUNTIME);
	}

	@Test
	void theRootPackageImportsNoOtherPackageOfTheProject() {
		noClasses().that()
			.resideInAPackage(BASE)
			.should()
			.dependOnClassesThat()
			.resideInAPackage(BASE + ".(*)..")
			.check(RUNTIME);
	}

	@Test
	void poolImportsOnlyTheRootPackage() {
		noClasses().that()
			.resideInAPackage(BASE + ".pool..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(featurePackages("node"))
			.check(RUNTIME);
	}

	@Test
	void nodeImportsNoFeaturePackage() {
		noClasses().that()
			.resideInAPackage(BASE + ".node..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(featurePackages())
			.check(RUNTIME);
	}

	@Test
	void routingIsImportedOnlyByWiringAndMetrics() {
		classes().that()
			.resideInAPackage(BASE + ".routing..")
			.should()
			.onlyHaveDependentClassesThat()
			.resideInAnyPackage(BASE + ".routing..", BASE + ".autoconfigure..", BASE + ".metrics..")
			.check(RUNTIME);
	}

	@Test
	void operationsAndCommandsStayOutOfTheHotPath() {
		noClasses().that()
			.resideInAnyPackage(BASE + ".node..", BASE + ".pool..", BASE + ".routing..", BASE + ".resilience..",
					BASE + ".health..", BASE + ".metrics..", BASE + ".alert..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(BASE + ".ops..", BASE + ".cli..")
			.check(RUNTIME);
	}

	private static String[] featurePackages(String... more) {
		String[] features = { "routing", "resilience", "health", "metrics", "alert", "ops", "cli", "autoconfigure" };
		String[] all = new String[features.length + more.length];
		for (int i = 0; i < features.length; i++) {
			all[i] = BASE + "." + features[i] + "..";
		}
		for (int i = 0; i < more.length; i++) {
			all[features.length + i] = BASE + "." + more[i] + "..";
		}
		return all;
	}

}
