package io.digitgan.trainer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.StoreHealth;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The object store chosen but no bucket configured: readiness DOWN naming the setting, liveness
 * UP, the run API answers 503 problem+json, and autostart waits instead of failing in a loop.
 */
@QuarkusTest
@TestProfile(NoBucketTest.ObjectStoreWithoutBucket.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
@QuarkusTestResource(FreshCheckpointDir.class)
class NoBucketTest {

    public static class ObjectStoreWithoutBucket implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("digitgan.checkpoints.store", "s3", "digitgan.training.autostart", "true",
                    "digitgan.training.profile", "smoke");
        }
    }

    @Test
    void readinessNamesTheSettingAndTheApiSaysTheStoreIsUnavailable() {
        StoreHealth.awaitDownNamingButAlive("digitgan.checkpoints.s3.bucket");
        given().get("/api/v1/runs").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "10")
                .body("title", equalTo("Checkpoint store unavailable"))
                .body("detail", containsString("digitgan.checkpoints.s3.bucket"));
    }
}
