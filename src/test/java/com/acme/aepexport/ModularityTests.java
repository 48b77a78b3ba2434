package com.acme.aepexport;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layout, checked: {@code api → workflow → export}, {@code workflow → adobe} and
 * {@code adobe → export}, each module reached only through its public face, only the
 * adobe module speaking WebFlux, and Adobe's wire records kept inside it.
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

	/**
	 * The bodies we send Adobe, in its spelling, are the adobe module's own: the rest of
	 * the service says what it wants in its own terms (an export's destination, its
	 * audiences, a flow patch), and the adobe module spells it.
	 */
	@Test
	void adobesWireRecordsArePackagePrivate() {
		classes().that()
			.resideInAPackage("com.acme.aepexport.adobe")
			.and()
			.areTopLevelClasses()
			.and()
			.haveSimpleNameEndingWith("Request")
			.or()
			.haveFullyQualifiedName("com.acme.aepexport.adobe.SegmentSelector")
			.or()
			.haveFullyQualifiedName("com.acme.aepexport.adobe.PrimaryField")
			.or()
			.haveFullyQualifiedName("com.acme.aepexport.adobe.PatchOperation")
			.or()
			.haveFullyQualifiedName("com.acme.aepexport.adobe.SpecRef")
			.or()
			.haveFullyQualifiedName("com.acme.aepexport.adobe.ProfileMapping")
			.should()
			.notBePublic()
			.check(PRODUCTION);
	}

	@Test
	void nothingOutsideTheAdobeModuleNamesAnAdobeWireRecord() {
		noClasses().that()
			.resideOutsideOfPackage("com.acme.aepexport.adobe..")
			.should()
			.dependOnClassesThat(JavaClass.Predicates.resideInAPackage("com.acme.aepexport.adobe")
				.and(JavaClass.Predicates.simpleNameEndingWith("Request")))
			.check(PRODUCTION);
	}

}
