package io.digitgan.generator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.Fuzzer;
import io.digitgan.testing.Fuzzer.Endpoint;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 1,000 random and hostile requests with a model loaded (half with the token): no 5xx, every error problem+json. */
@QuarkusTest
@TestProfile(FuzzTest.WithAModel.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
class FuzzTest {

    /** A checkpoint announced before the application starts, in a store of its own. */
    public static class AnnounceOne implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            QuarkusKafkaResource.broker();
            TestCheckpoints.train("fuzz", "fuzz-a", 1).forEach(c -> TestCheckpoints.announce(TestCheckpoints.event(c)));
            return Map.of("digitgan.checkpoints.dir", TestCheckpoints.store("fuzz").toString());
        }

        @Override
        public void stop() {}
    }

    public static class WithAModel implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(AnnounceOne.class));
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(Endpoint.get("/api/v1/digits.png", "count", "seed", "columns", "scale"),
            Endpoint.get("/api/v1/digits/{}.png", "scale"), Endpoint.get("/api/v1/digits", "count", "seed", "scale"),
            Endpoint.get("/api/v1/interpolation.png", "from", "to", "steps", "scale"), Endpoint.get("/api/v1/model"),
            Endpoint.send("PUT", "/api/v1/model/pin"), Endpoint.get("/api/v1/{}"), Endpoint.get("/{}"));

    @Test
    void hostileRequestsAreRefusedCleanly() {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        List<String> broken = new Fuzzer(Fuzzer.testService(), 14, "test-token").run(ENDPOINTS, 1_000);
        assertEquals(List.of(), broken);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/api/v1/digits.png?count=4&seed=1").then().statusCode(200);
    }

    /** Every metric k8s/monitoring's alerts and dashboards read of the generator is on its /q/metrics. */
    @Test
    void theMonitoringReadsOnlyMetricsTheGeneratorExports() {
        // the Kafka channel's gauge (a real broker here) appears with the first check
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/api/v1/digits.png?count=1").then().statusCode(200);
        io.digitgan.testing.MonitoredMetrics.assertExportedBy("generator");
    }
}
