package io.zohocamel;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The seams of the code (DESIGN.md, "Shape of the code"): the Zoho client and the sandbox stand
 * alone, and each feature package uses only the ones below it.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.zohocamel");

    @Test
    void theZohoClientIsAPlainLibrary() {
        noClasses().that().resideInAPackage("io.zohocamel.zoho..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "java.net.http..")
                .orShould().dependOnClassesThat().resideOutsideOfPackages("io.zohocamel.zoho..", "java..", "javax..",
                        "org.apache.hc..", "com.fasterxml.jackson..", "org.slf4j..", "io.micrometer..")
                .check(MAIN);
    }

    @Test
    void theSandboxUsesNothingOfTheApp() {
        noClasses().that().resideInAPackage("io.zohocamel.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage("io.zohocamel", "io.zohocamel.zoho..",
                        "io.zohocamel.component..", "io.zohocamel.jobs..", "io.zohocamel.common..", "io.zohocamel.bulk..",
                        "io.zohocamel.massupdate..", "io.zohocamel.web..", "io.zohocamel.ops..", "org.apache.camel..")
                .check(MAIN);
    }

    @Test
    void noPackageUsesOneAboveIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("application").definedBy("io.zohocamel")
                .layer("ops").definedBy("io.zohocamel.ops..")
                .layer("web").definedBy("io.zohocamel.web..")
                .layer("bulk").definedBy("io.zohocamel.bulk..")
                .layer("massupdate").definedBy("io.zohocamel.massupdate..")
                .layer("component").definedBy("io.zohocamel.component..")
                .layer("jobs").definedBy("io.zohocamel.jobs..")
                .layer("common").definedBy("io.zohocamel.common..")
                .layer("zoho").definedBy("io.zohocamel.zoho..")
                .layer("sandbox").definedBy("io.zohocamel.sandbox..")
                .whereLayer("application").mayNotBeAccessedByAnyLayer()
                .whereLayer("ops").mayOnlyBeAccessedByLayers("application")
                .whereLayer("web").mayOnlyBeAccessedByLayers("application", "ops")
                .whereLayer("bulk").mayOnlyBeAccessedByLayers("application", "ops", "web")
                .whereLayer("massupdate").mayOnlyBeAccessedByLayers("application", "ops", "web")
                .whereLayer("component").mayOnlyBeAccessedByLayers("application", "ops", "web", "bulk", "massupdate")
                .whereLayer("jobs").mayOnlyBeAccessedByLayers("application", "ops", "web", "bulk", "massupdate", "component")
                // the embedded default is started by the Zoho wiring; the flows reach it only over HTTP
                .whereLayer("sandbox").mayOnlyBeAccessedByLayers("component")
                .check(MAIN);
    }

    @Test
    void noCycles() {
        slices().matching("io.zohocamel.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
