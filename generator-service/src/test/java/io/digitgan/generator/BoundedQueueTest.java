package io.digitgan.generator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.kafka.QuarkusKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One forward thread, two places in the queue (the request whose rows are being computed counts until
 * its last batch starts): 12 concurrent largest grids get 200 or, at once, 503 with Retry-After.
 */
@QuarkusTest
@TestProfile(BoundedQueueTest.OnePredictor.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
class BoundedQueueTest {

    public static class OnePredictor implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("digitgan.generator.predictors", "1", "digitgan.generator.max-queued", "2",
                    "digitgan.generator.queue-timeout", "60s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FuzzTest.AnnounceOne.class));
        }
    }

    @Test
    void beyondTheQueueARequestIsRefusedAtOnceWithRetryAfter() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        ExecutorService clients = Executors.newFixedThreadPool(12);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int seed = i;
            answers.add(clients.submit(() -> given().get("/api/v1/digits.png?count=256&scale=8&seed=" + seed)));
        }
        int ok = 0;
        int busy = 0;
        for (Future<Response> f : answers) {
            Response r = f.get();
            if (r.statusCode() == 200) {
                ok++;
            } else {
                assertEquals(503, r.statusCode(), r.asString());
                assertEquals("1", r.header("Retry-After"));
                assertTrue(r.contentType().startsWith("application/problem+json"));
                busy++;
            }
        }
        clients.shutdown();
        System.out.printf("12 concurrent 256-digit grids at scale 8, 1 forward thread, 2 queue places: %d served, %d refused%n",
                ok, busy);
        assertTrue(ok >= 2 && busy >= 1, ok + " served, " + busy + " refused");
        given().get("/api/v1/digits.png?count=4&seed=1").then().statusCode(200);
    }
}
