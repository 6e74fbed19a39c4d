package io.digitgan.generator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.events.CheckpointEvent;
import io.digitgan.generator.messaging.ReplayTracker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The generator's fast tier: its listener handed checkpoint events on the in-memory connector (no
 * broker), real checkpoints trained by gan-core, real HTTP. Ordered: it tells a story. What needs a
 * broker (the replay at start, trace headers, security, outages) is the real-broker tests':
 * GeneratorReplayTest, CheckpointTraceTest, NoBrokerTest, e2e SecuredKafkaEndToEndTest.
 */
@QuarkusTest
@QuarkusTestResource(value = InMemoryCheckpoints.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(SharedStoreResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeneratorServiceTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    ReplayTracker replay;

    @BeforeEach
    void topicEmptyAtStart() {
        InMemoryCheckpoints.assigned(replay); // once: later calls are a rebalance after the replay
    }

    void announce(CheckpointEvent event) {
        InMemoryCheckpoints.announce(connector, event);
    }

    static final String AUTH = "Bearer test-token";
    static List<Checkpoint> runA;

    static byte[] png(String url) {
        return given().get(url).then().statusCode(200).contentType("image/png").extract().asByteArray();
    }

    static int servingEpoch() {
        return given().get("/api/v1/model").then().statusCode(200).extract().path("epoch");
    }

    @Test
    @Order(1)
    void beforeAnyModelImagesAre503AndReadinessIsDown() {
        given().get("/api/v1/digits.png").then().statusCode(503).header("Retry-After", "5")
                .contentType("application/problem+json");
        given().get("/api/v1/model").then().statusCode(503);
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    @Order(2)
    void loadsTheAnnouncedCheckpoint() {
        runA = TestCheckpoints.train(TestCheckpoints.SERVICE, "gen-a", 2);
        announce(TestCheckpoints.event(runA.get(0)));
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/api/v1/model").then().statusCode(200).body("runId", equalTo("gen-a")).body("epoch", equalTo(1))
                .body("sha256", equalTo(runA.get(0).generatorSha256())).body("config.model.width", equalTo(0.25f));
    }

    @Test
    @Order(3)
    void sameSeedSameBytesAndARandomSeedIsReturned() throws Exception {
        byte[] a = png("/api/v1/digits.png?count=16&seed=42");
        assertArrayEquals(a, png("/api/v1/digits.png?count=16&seed=42"));
        assertFalse(java.util.Arrays.equals(a, png("/api/v1/digits.png?count=16&seed=43")));

        Response random = given().get("/api/v1/digits.png?count=4");
        String seed = random.header("X-Seed");
        assertNotNull(seed);
        assertArrayEquals(random.asByteArray(), png("/api/v1/digits.png?count=4&seed=" + seed));
        assertEquals("gen-a", random.header("X-Model-Run"));
        assertEquals("1", random.header("X-Model-Epoch"));

        Response tagged = given().get("/api/v1/digits.png?count=4&seed=7");
        String etag = tagged.header("ETag");
        assertNotNull(etag);
        given().header("If-None-Match", etag).get("/api/v1/digits.png?count=4&seed=7").then().statusCode(304);
        given().header("If-None-Match", etag).get("/api/v1/digits.png?count=4&seed=8").then().statusCode(200);

        BufferedImage grid = ImageIO.read(new ByteArrayInputStream(png("/api/v1/digits.png?count=6&seed=1&columns=3&scale=2")));
        assertEquals(2 + 3 * (56 + 2), grid.getWidth());
        assertEquals(2 + 2 * (56 + 2), grid.getHeight());
        BufferedImage strip = ImageIO.read(new ByteArrayInputStream(png("/api/v1/interpolation.png?from=1&to=2&steps=5&scale=1")));
        assertEquals(2 + 5 * 30, strip.getWidth());
        assertArrayEquals(png("/api/v1/interpolation.png?from=1&to=2&steps=5"), png("/api/v1/interpolation.png?from=1&to=2&steps=5"));

        // the JSON gives each digit's latent seed; that seed alone gives the same digit
        List<Map<String, Object>> digits = given().get("/api/v1/digits?count=3&seed=100&scale=4").then().statusCode(200)
                .body("runId", equalTo("gen-a")).extract().path("digits");
        assertEquals(List.of(100, 101, 102), digits.stream().map(d -> ((Number) d.get("seed")).intValue()).toList());
        byte[] alone = png("/api/v1/digits/101.png?scale=4");
        assertArrayEquals(alone, java.util.Base64.getDecoder().decode((String) digits.get(1).get("png")),
                "a digit alone is byte for byte the same digit in a batch (BatchNorm in inference mode, padded rows)");
    }

    @Test
    @Order(4)
    void everyBadParameterIsA400ThatNamesIt() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("/api/v1/digits.png?count=0", "count"), Map.entry("/api/v1/digits.png?count=257", "count"),
                Map.entry("/api/v1/digits.png?count=abc", "count"), Map.entry("/api/v1/digits.png?scale=9", "scale"),
                Map.entry("/api/v1/digits.png?scale=0", "scale"), Map.entry("/api/v1/digits.png?seed=1.5", "seed"),
                Map.entry("/api/v1/digits.png?columns=0", "columns"), Map.entry("/api/v1/digits?count=-1", "count"),
                Map.entry("/api/v1/digits?seed=zz", "seed"), Map.entry("/api/v1/digits/abc.png", "seed"),
                Map.entry("/api/v1/digits/1.png?scale=99", "scale"),
                Map.entry("/api/v1/interpolation.png?steps=1", "steps"),
                Map.entry("/api/v1/interpolation.png?steps=33", "steps"),
                Map.entry("/api/v1/interpolation.png?from=x", "from"),
                Map.entry("/api/v1/digits.png?count=99999999999999999999", "count"));
        cases.forEach((url, parameter) -> given().get(url).then().statusCode(400)
                .contentType("application/problem+json").body("title", containsString("'" + parameter + "'")));
        given().get("/api/v1/nothing-here").then().statusCode(404);
        given().contentType("application/json").body(Map.of("runId", "gen-a", "epoch", 1))
                .put("/api/v1/model/pin").then().statusCode(401);
    }

    @Test
    @Order(5)
    void swapsToANewCheckpointUnderLoadWithoutAFailedRequest() throws Exception {
        AtomicBoolean hammering = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Set<String> epochsSeen = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int thread = t;
            clients.submit(() -> {
                int i = 0;
                while (hammering.get()) {
                    Response r = given().get("/api/v1/digits.png?count=16&seed=" + (thread * 1000 + i++));
                    if (r.statusCode() == 200 && r.asByteArray().length > 100) {
                        ok.incrementAndGet();
                        epochsSeen.add(r.header("X-Model-Epoch"));
                    } else {
                        failures.add(r.statusCode() + " " + r.asString());
                    }
                }
            });
        }
        Thread.sleep(500);
        announce(TestCheckpoints.event(runA.get(1)));
        await().atMost(Duration.ofSeconds(60)).until(() -> servingEpoch() == 2);
        Thread.sleep(500);
        hammering.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(List.of(), failures);
        assertTrue(ok.get() > 16, "requests served: " + ok.get());
        assertEquals(Set.of("1", "2"), epochsSeen, "served by the old model, then the new one");
    }

    @Test
    @Order(6)
    void rejectsCorruptedTruncatedAndEscapingCheckpointsAndKeepsServing() throws Exception {
        double rejectedBefore = rejected();
        List<Checkpoint> runB = TestCheckpoints.train(TestCheckpoints.SERVICE, "gen-b", 2);
        Path corrupted = runB.get(0).dir().resolve("generator.params");
        try (RandomAccessFile f = new RandomAccessFile(corrupted.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0xFF);
        }
        announce(TestCheckpoints.event(runB.get(0)));
        Path truncated = runB.get(1).dir().resolve("generator.params");
        try (RandomAccessFile f = new RandomAccessFile(truncated.toFile(), "rw")) {
            f.setLength(f.length() / 3);
        }
        announce(TestCheckpoints.event(runB.get(1)));
        CheckpointEvent escaping = TestCheckpoints.event(runA.get(1));
        announce(new CheckpointEvent(1, "CHECKPOINT", "gen-x", 9, "../../../etc", escaping.sha256(),
                1, escaping.model(), null, null, java.time.Instant.now()));
        InMemoryCheckpoints.announceRaw(connector, "gen-x", "{\"schemaVersion\":1,\"type\":\"CHECKPOINT\"}"); // not a valid event
        InMemoryCheckpoints.announceRaw(connector, "gen-x", null); // a tombstone

        await().atMost(Duration.ofSeconds(60)).until(() -> rejected() >= rejectedBefore + 3);
        given().get("/api/v1/model").then().statusCode(200).body("runId", equalTo("gen-a")).body("epoch", equalTo(2));
        given().get("/api/v1/digits.png?count=4&seed=1").then().statusCode(200);
        // the two bad records follow the rejected checkpoints: wait until they are handled too
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/q/metrics").asString().contains("digitgan_generator_events_invalid_total 2.0"));
        assertTrue(Files.exists(runA.get(1).dir()), "nothing is deleted by the generator");
    }

    static double rejected() {
        return io.digitgan.testing.Metrics.value("digitgan_generator_checkpoints_rejected_total");
    }

    @Test
    @Order(7)
    void pinningRollsBackAndUnpinningFollowsTheNewestAgain() {
        given().header("Authorization", AUTH).contentType("application/json").body(Map.of("runId", "gen-a", "epoch", 1))
                .put("/api/v1/model/pin").then().statusCode(200).body("epoch", equalTo(1)).body("pin", equalTo("gen-a:1"));
        assertEquals(1, servingEpoch());
        given().header("Authorization", AUTH).contentType("application/json").body(Map.of("runId", "gen-a", "epoch", 7))
                .put("/api/v1/model/pin").then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", AUTH).contentType("application/json").body(Map.of("runId", "gen-a", "epoch", "x"))
                .put("/api/v1/model/pin").then().statusCode(400);
        given().header("Authorization", AUTH).delete("/api/v1/model/pin").then().statusCode(204);
        // the newer announcements (gen-b, gen-x) were all rejected: the newest that loads is gen-a's epoch 2
        given().get("/api/v1/model").then().statusCode(200).body("mode", equalTo("following newest"))
                .body("runId", equalTo("gen-a")).body("epoch", equalTo(2));
    }

    @Test
    @Order(8)
    void showsTheServingCheckpointsQualityAndPinsTheBestByFid() {
        List<Checkpoint> measured = TestCheckpoints.trainMeasured(TestCheckpoints.SERVICE, "gen-q", 3);
        measured.forEach(c -> announce(TestCheckpoints.event(c)));
        await().atMost(Duration.ofSeconds(30)).until(() -> "gen-q".equals(given().get("/api/v1/model").path("runId"))
                && Integer.valueOf(3).equals(given().get("/api/v1/model").path("epoch")));
        var third = measured.get(2).manifest().quality();
        given().get("/api/v1/model").then().statusCode(200)
                .body("quality.fid", equalTo((float) third.fid().doubleValue()))
                .body("quality.samples", equalTo(200))
                .body("quality.floor.fid", equalTo((float) third.floor().fid().doubleValue()));

        Checkpoint best = measured.stream().min(java.util.Comparator.comparingDouble(c -> c.manifest().quality().fid()))
                .orElseThrow();
        given().header("Authorization", AUTH).contentType("application/json").body(Map.of("runId", "gen-q", "epoch", "best"))
                .put("/api/v1/model/pin").then().statusCode(200).body("epoch", equalTo(best.epoch()))
                .body("quality.fid", equalTo((float) best.manifest().quality().fid().doubleValue()));
        given().header("Authorization", AUTH).delete("/api/v1/model/pin").then().statusCode(204);
    }

    @Test
    @Order(9)
    void servesTheAveragedGeneratorWhenTheCheckpointHasOneAndSaysSo() {
        given().get("/api/v1/model").then().statusCode(200).body("weights", equalTo("raw"))
                .body("servedSha256", equalTo(given().get("/api/v1/model").path("sha256")));
        List<Checkpoint> averaged = TestCheckpoints.trainAveraged(TestCheckpoints.SERVICE, "gen-ema", 1);
        Checkpoint c = averaged.get(0);
        announce(TestCheckpoints.event(c));
        await().atMost(Duration.ofSeconds(30)).until(() -> "gen-ema".equals(given().get("/api/v1/model").path("runId")));
        given().get("/api/v1/model").then().statusCode(200).body("weights", equalTo("ema"))
                .body("sha256", equalTo(c.generatorSha256()))
                .body("servedSha256", equalTo(c.averagedGeneratorSha256()));
        String etag = given().get("/api/v1/digits/7.png").then().statusCode(200).extract().header("ETag");
        assertTrue(etag.contains(c.averagedGeneratorSha256().substring(0, 16)), "ETag names the served weights: " + etag);
    }

    @Test
    @Order(10)
    void rejectsAModelOfAnotherWidthThanItsManifestAndAManifestThatIsNotJson() throws Exception {
        String servingRun = given().get("/api/v1/model").path("runId");
        int servingEpoch = servingEpoch();
        double rejectedBefore = rejected();
        List<Checkpoint> runW = TestCheckpoints.train(TestCheckpoints.SERVICE, "gen-w", 2);
        // epoch 1: the manifest claims width 0.5, the files hold a width-0.25 generator
        Path manifest = runW.get(0).dir().resolve("manifest.json");
        com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode)
                io.digitgan.events.EventJson.mapper().readTree(manifest.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) m.path("config").path("model")).put("width", 0.5);
        Files.writeString(manifest, m.toString());
        announce(TestCheckpoints.event(runW.get(0)));
        // epoch 2: the manifest is not JSON at all
        Files.writeString(runW.get(1).dir().resolve("manifest.json"), "{ this is not json");
        announce(TestCheckpoints.event(runW.get(1)));

        await().atMost(Duration.ofSeconds(60)).until(() -> rejected() >= rejectedBefore + 2);
        given().get("/api/v1/model").then().statusCode(200).body("runId", equalTo(servingRun))
                .body("epoch", equalTo(servingEpoch));
        given().get("/api/v1/digits.png?count=4&seed=1").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** 32 clients for 15 s while 5 checkpoints arrive: no failed request, and no client sees an older model after a newer one. */
    @Test
    @Order(11)
    void thirtyTwoClientsDuringFiveReloadsNeverFailAndNeverGoBack() throws Exception {
        List<Checkpoint> run = TestCheckpoints.train(TestCheckpoints.SERVICE, "gen-load", 5);
        AtomicBoolean hammering = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(32);
        for (int t = 0; t < 32; t++) {
            int client = t;
            clients.submit(() -> {
                List<String> runsSeen = new java.util.ArrayList<>();
                int lastEpoch = -1;
                int i = 0;
                while (hammering.get()) {
                    Response r = given().get("/api/v1/digits/" + (client * 100_000 + i++) + ".png");
                    if (r.statusCode() != 200) {
                        failures.add(r.statusCode() + " " + r.asString());
                        continue;
                    }
                    ok.incrementAndGet();
                    String runId = r.header("X-Model-Run");
                    int epoch = Integer.parseInt(r.header("X-Model-Epoch"));
                    if (runsSeen.isEmpty() || !runsSeen.get(runsSeen.size() - 1).equals(runId)) {
                        if (runsSeen.contains(runId)) {
                            failures.add("client " + client + " went back to run " + runId);
                        }
                        runsSeen.add(runId);
                        lastEpoch = -1;
                    }
                    if (epoch < lastEpoch) {
                        failures.add("client " + client + " went back from epoch " + lastEpoch + " to " + epoch);
                    }
                    lastEpoch = epoch;
                }
            });
        }
        long start = System.nanoTime();
        for (Checkpoint c : run) {
            Thread.sleep(2_500);
            announce(TestCheckpoints.event(c));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> servingEpoch() == 5);
        Thread.sleep(Math.max(0, 15_000 - (System.nanoTime() - start) / 1_000_000));
        hammering.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(List.of(), failures.stream().limit(10).toList());
        assertEquals("gen-load", given().get("/api/v1/model").path("runId"));
        System.out.printf("32 clients, 15 s, 5 reloads: %d requests served, 0 failed%n", ok.get());
        assertTrue(ok.get() > 1_000, "requests served: " + ok.get());
    }
}
