package io.digitgan.core;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** No package of gan-core depends, through others, on itself (config, checkpoint, quality, train, ...). */
class PackageCyclesTest {

    @Test
    void noPackageCycle() {
        slices().matching("io.digitgan.core.(*)..").should().beFreeOfCycles()
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.digitgan.core"));
    }
}
