package io.switchboard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
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
        onlyDependsOn("config");
    }

    @Test
    void pipelineDependsOnNothingElseInTheProject() {
        onlyDependsOn("pipeline");
    }

    @Test
    void policiesDependOnlyOnPipelineAndConfig() {
        onlyDependsOn("policy", "pipeline", "config");
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
        onlyDependsOn("upstream", "pipeline", "config");
    }

    @Test
    void journalDependsOnlyOnPipelineConfigAndStore() {
        onlyDependsOn("journal", "pipeline", "config", "store");
    }

    @Test
    void journalMaskingDependsOnlyOnConfigAndPipeline() {
        // Pipeline for its ContentType, the one parser of charset parameters (STYLE.md lets the journal use pipeline).
        List<String> forbidden = PACKAGES.stream()
                .filter(name -> !name.equals("config") && !name.equals("pipeline") && !name.equals("journal"))
                .map(name -> "io.switchboard." + name + "..")
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        forbidden.add("io.switchboard.journal");
        noClasses()
                .that()
                .resideInAPackage("io.switchboard.journal.mask..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden.toArray(String[]::new))
                .check(classes);
    }

    @Test
    void probesDependOnlyOnPipelineConfigStoreAndHealth() {
        onlyDependsOn("probe", "pipeline", "config", "store", "health");
    }

    @Test
    void dashboardAssetsDependOnNothingElseInTheProject() {
        onlyDependsOn("ui");
    }

    @Test
    void onlyTheAdminListenerMountsTheDashboard() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.switchboard.admin..", "io.switchboard.ui..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.switchboard.ui..")
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

    /** Every top-level package of the project, for rules that say what a package may NOT use. */
    private static final List<String> PACKAGES = List.of(
            "config",
            "pipeline",
            "policy",
            "upstream",
            "store",
            "journal",
            "health",
            "probe",
            "runtime",
            "server",
            "admin",
            "ui",
            "boot",
            "cli",
            "demo");

    /** Checks that package {@code own} uses no project package but itself and {@code allowed}. */
    private static void onlyDependsOn(String own, String... allowed) {
        List<String> forbidden = PACKAGES.stream()
                .filter(name -> !name.equals(own) && !List.of(allowed).contains(name))
                .map(name -> "io.switchboard." + name + "..")
                .toList();
        noClasses()
                .that()
                .resideInAPackage("io.switchboard." + own + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden.toArray(String[]::new))
                .check(classes);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("io.switchboard.(**)").should().beFreeOfCycles().check(classes);
    }
}
