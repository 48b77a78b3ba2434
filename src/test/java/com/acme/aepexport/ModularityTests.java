package com.acme.aepexport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layout of STYLE.md, checked: {@code api → workflow → export} and
 * {@code workflow → adobe}, each module reached only through its public face, and only
 * the adobe module speaking WebFlux.
 */
class ModularityTests {

	private static final JavaClasses PRODUCTION = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("com.acme.aepexport");

	@Test
	void modulesUseOnlyTheDependenciesTheyDeclareAndEachOthersPublicFaces() {
		ApplicationModules.of(AepExportFacadeApplication.class).verify();
	}

	@Test
	void onlyTheAdobeModuleUsesWebClientOrReactor() {
		noClasses().that()
			.resideOutsideOfPackage("com.acme.aepexport.adobe..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web.reactive..", "reactor..")
			.check(PRODUCTION);
	}

	@Test
	void theDomainKnowsNothingOfTheWebOrOfAdobe() {
		noClasses().that()
			.resideInAPackage("com.acme.aepexport.export..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web..", "com.acme.aepexport.adobe..",
					"com.acme.aepexport.workflow..", "com.acme.aepexport.api..")
			.check(PRODUCTION);
	}

}
