package io.digitgan.generator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kafka unreachable from the start: after the broker wait (2 s here) the store's newest checkpoint serves. */
@QuarkusTest
@TestProfile(NoBrokerTest.NoBroker.class)
class NoBrokerTest {

    /** A store with one checkpoint that was never announced, and a bootstrap address nobody listens on. */
    public static class StoreOnly implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            TestCheckpoints.train("no-broker", "store-only", 1);
            return Map.of("digitgan.checkpoints.dir", TestCheckpoints.store("no-broker").toString(),
                    "kafka.bootstrap.servers", "127.0.0.1:1", "digitgan.generator.broker-wait", "2s");
        }

        @Override
        public void stop() {}
    }

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StoreOnly.class));
        }
    }

    @Test
    void theStoresNewestServesWithinSecondsWithoutABroker() {
        await().atMost(Duration.ofSeconds(25)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/api/v1/model").then().statusCode(200).body("runId", equalTo("store-only"));
        given().get("/api/v1/digits.png?count=4&seed=1").then().statusCode(200);
    }
}
