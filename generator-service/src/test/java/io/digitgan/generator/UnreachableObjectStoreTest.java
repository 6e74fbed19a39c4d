package io.digitgan.generator;

import static io.restassured.RestAssured.given;

import io.digitgan.testing.StoreHealth;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** An object-store endpoint nobody listens on: readiness DOWN naming the setting, liveness UP, no crash. */
@QuarkusTest
@TestProfile(UnreachableObjectStoreTest.Unreachable.class)
class UnreachableObjectStoreTest {

    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("digitgan.checkpoints.store", "s3", "digitgan.checkpoints.s3.bucket", "checkpoints",
                    "digitgan.checkpoints.s3.endpoint", "http://127.0.0.1:1", "digitgan.checkpoints.s3.path-style", "true",
                    "digitgan.checkpoints.s3.access-key-id", "k", "digitgan.checkpoints.s3.secret-access-key", "s",
                    "digitgan.checkpoints.dir", TestCheckpoints.store("unreachable-s3").toString(),
                    "kafka.bootstrap.servers", "127.0.0.1:1");
        }
    }

    @Test
    void readinessNamesTheEndpointAndTheServiceStaysAlive() {
        String problem = StoreHealth.awaitDownNamingButAlive("digitgan.checkpoints.s3.endpoint");
        Assertions.assertTrue(problem.contains("http://127.0.0.1:1") && problem.contains("unreachable"), problem);
        given().get("/api/v1/model").then().statusCode(503); // nothing to serve, and it says so
    }
}
