package io.switchboard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of STYLE.md section 2, as tests: who may depend on whom, and no cycles. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.switchboard");
    }

    @Test
    void configDependsOnNothingElseInTheProject() {
        noClasses()
                .that()
                .resideInAPackage("io.switchboard.config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.switchboard.pipeline..",
                        "io.switchboard.policy..",
                        "io.switchboard.upstream..",
                        "io.switchboard.runtime..",
                        "io.switchboard.server..",
                        "io.switchboard.admin..",
                        "io.switchboard.boot..",
                        "io.switchboard.cli..")
                .check(classes);
    }

    @Test
    void pipelineDependsOnNothingElseInTheProject() {
        noClasses()
                .that()
                .resideInAPackage("io.switchboard.pipeline..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.switchboard.config..",
                        "io.switchboard.policy..",
                        "io.switchboard.upstream..",
                        "io.switchboard.runtime..",
                        "io.switchboard.server..",
                        "io.switchboard.admin..",
                        "io.switchboard.boot..",
                        "io.switchboard.cli..")
                .check(classes);
    }

    @Test
    void policiesDependOnlyOnPipelineAndConfig() {
        noClasses()
                .that()
                .resideInAPackage("io.switchboard.policy..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.switchboard.upstream..",
                        "io.switchboard.runtime..",
                        "io.switchboard.server..",
                        "io.switchboard.admin..",
                        "io.switchboard.boot..",
                        "io.switchboard.cli..")
                .check(classes);
    }

    @Test
    void noPolicyImportsAnotherPolicy() {
        slices().matching("io.switchboard.policy.(*)..")
                .should()
                .notDependOnEachOther()
                .check(classes);
    }

    @Test
    void upstreamDependsOnlyOnPipelineAndConfig() {
        noClasses()
                .that()
                .resideInAPackage("io.switchboard.upstream..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.switchboard.policy..",
                        "io.switchboard.runtime..",
                        "io.switchboard.server..",
                        "io.switchboard.admin..",
                        "io.switchboard.boot..",
                        "io.switchboard.cli..")
                .check(classes);
    }

    @Test
    void probesDependOnlyOnPipelineConfigStoreAndHealth() {
        noClasses()
                .that()
                .resideInAPackage("io.switchboard.probe..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.switchboard.policy..",
                        "io.switchboard.upstream..",
                        "io.switchboard.runtime..",
                        "io.switchboard.server..",
                        "io.switchboard.admin..",
                        "io.switchboard.boot..",
                        "io.switchboard.cli..")
                .check(classes);
    }

    @Test
    void runtimeNeverReachesUpIntoListenersOrTheCommandLine() {
        noClasses()
                .that()
                .resideInAPackage("io.switchboard.runtime..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.switchboard.server..",
                        "io.switchboard.admin..",
                        "io.switchboard.boot..",
                        "io.switchboard.cli..")
                .check(classes);
    }

    @Test
    void onlyTheCompositionRootUsesTheListeners() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.switchboard.boot..", "io.switchboard.cli..", "io.switchboard.admin..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.switchboard.admin..")
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackage("io.switchboard.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.switchboard.cli..")
                .check(classes);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("io.switchboard.(**)").should().beFreeOfCycles().check(classes);
    }
}
