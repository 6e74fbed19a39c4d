package io.digitgan.generator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.Metrics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Dynamic batching changes no byte: every request, fetched alone first, is fetched again by 32
 * concurrent clients (so it shares forward passes with others, proven by the batch metrics) and
 * must come back identical: single digits, grids of ragged sizes, a grid larger than a batch, JSON.
 */
@QuarkusTest
@TestProfile(FuzzTest.WithAModel.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
class BatchingTest {

    @Test
    void aRequestGetsTheSameBytesInCompanyAsAlone() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        List<String> paths = new ArrayList<>();
        for (int seed = 0; seed < 40; seed++) {
            paths.add("/api/v1/digits/" + seed + ".png?scale=2");
        }
        for (int count : new int[] {1, 2, 3, 5, 7, 13, 64, 70, 130}) {
            paths.add("/api/v1/digits.png?count=" + count + "&seed=" + (1000 + count));
        }
        paths.add("/api/v1/digits?count=3&seed=55");
        paths.add("/api/v1/interpolation.png?from=1&to=2&steps=7");
        Map<String, byte[]> alone = new LinkedHashMap<>();
        for (String path : paths) {
            alone.put(path, fetch(path));
        }
        double batchedBefore = Metrics.value("digitgan_generator_batch_requests_max");

        List<String> load = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            load.addAll(paths);
        }
        Collections.shuffle(load, new Random(3));
        ExecutorService clients = Executors.newFixedThreadPool(32);
        List<Future<byte[]>> answers = new ArrayList<>();
        for (String path : load) {
            answers.add(clients.submit(() -> fetch(path)));
        }
        for (int i = 0; i < load.size(); i++) {
            assertArrayEquals(alone.get(load.get(i)), answers.get(i).get(), load.get(i) + " in company");
        }
        clients.shutdown();

        double mostRequests = Metrics.value("digitgan_generator_batch_requests_max");
        System.out.printf("batching: %d requests by 32 clients, identical to alone; up to %.0f requests per forward%n",
                load.size(), mostRequests);
        assertTrue(mostRequests > 1 || batchedBefore > 1, "no forward pass had company: the test proved nothing");
        String metrics = given().get("/q/metrics").asString();
        for (String series : List.of("digitgan_generator_batch_images_bucket{", "digitgan_generator_batch_images{quantile=\"0.99\"",
                "digitgan_generator_queue_depth_on_arrival_bucket{", "digitgan_generator_queue_wait_seconds{quantile=\"0.99\"",
                "digitgan_generator_queue_depth ", "digitgan_generator_inference_seconds_count")) {
            assertTrue(metrics.contains(series), "Prometheus has " + series);
        }
    }

    private static byte[] fetch(String path) {
        var response = given().get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.asString());
        return response.asByteArray();
    }
}
