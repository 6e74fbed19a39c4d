package io.digitgan.generator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the service at the test JVM's checkpoint store. */
public class SharedStoreResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("digitgan.checkpoints.dir", TestCheckpoints.store(TestCheckpoints.SERVICE).toString());
    }

    @Override
    public void stop() {}
}
