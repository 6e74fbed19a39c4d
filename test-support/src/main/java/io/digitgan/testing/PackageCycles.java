package io.digitgan.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * No package of a module depends, through others, on itself: each package can be read, tested and
 * moved on its own. Checked on the compiled classes (ArchUnit), tests excluded.
 */
public final class PackageCycles {

    private PackageCycles() {}

    /** Fails, naming the cycle's classes, when two packages under {@code root} depend on each other. */
    public static void assertNone(String root) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        if (classes.isEmpty()) {
            throw new AssertionError("no classes under " + root);
        }
        slices().matching(root + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
