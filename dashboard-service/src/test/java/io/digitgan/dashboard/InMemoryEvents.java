package io.digitgan.dashboard;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.util.Map;

/**
 * The fast tier's channel: {@code gan-events} on SmallRye's in-memory connector, no broker. The
 * test hands the listener records as the Kafka connector would ({@code ConsumerRecord}s).
 */
public class InMemoryEvents implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return InMemoryConnector.switchIncomingChannelsToInMemory("gan-events");
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
    }
}
