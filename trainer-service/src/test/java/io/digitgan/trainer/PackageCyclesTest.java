package io.digitgan.trainer;

import io.digitgan.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** No package of the trainer-service depends, through others, on itself (api, messaging, ...). */
class PackageCyclesTest {

    @Test
    void noPackageCycle() {
        PackageCycles.assertNone("io.digitgan.trainer");
    }
}
