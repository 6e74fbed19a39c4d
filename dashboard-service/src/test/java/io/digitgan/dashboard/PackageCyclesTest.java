package io.digitgan.dashboard;

import io.digitgan.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** No package of the dashboard-service depends, through others, on itself (api, messaging, ...). */
class PackageCyclesTest {

    @Test
    void noPackageCycle() {
        PackageCycles.assertNone("io.digitgan.dashboard");
    }
}
