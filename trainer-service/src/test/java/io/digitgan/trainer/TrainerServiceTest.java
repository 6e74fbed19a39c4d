package io.digitgan.trainer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.core.checkpoint.Sha256;
import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.MetricsEvent;
import io.digitgan.events.Quality;
import io.digitgan.events.RunEvent;
import io.digitgan.events.SampleEvent;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.trainer.run.RunManager;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The trainer as a service, against a real Kafka broker, with tiny runs on real MNIST. */
@QuarkusTest
@QuarkusTestResource(QuarkusKafkaResource.class)
@QuarkusTestResource(FreshCheckpointDir.class)
class TrainerServiceTest {

    static final String AUTH = "Bearer test-token";

    @Inject
    RunManager runs;

    @ConfigProperty(name = "digitgan.checkpoints.dir")
    Path checkpointDir;

    static Map<String, Object> tiny(String runId, int epochs, int images) {
        return Map.of("runId", runId, "profile", "smoke", "epochs", epochs, "width", 0.25, "batchSize", 32,
                "maxImages", images, "seed", 7);
    }

    static void start(Map<String, Object> body) {
        given().header("Authorization", AUTH).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/runs").then().statusCode(201).body("status", equalTo("RUNNING"));
    }

    static void awaitStatus(String runId, String status) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).until(
                () -> status.equals(given().get("/api/v1/runs/" + runId).then().extract().path("status")));
    }

    @Test
    void changingCallsNeedTheTokenAndBadValuesAreNamed() {
        given().contentType(ContentType.JSON).body(Map.of()).when().post("/api/v1/runs")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer nope").contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/v1/runs").then().statusCode(401).body("detail", containsString("wrong token"));
        given().header("Authorization", "Bearer nope").when().post("/api/v1/runs/any/stop").then().statusCode(401);
        given().header("Authorization", AUTH).contentType(ContentType.JSON).body(Map.of("epochs", 0, "width", "wide"))
                .when().post("/api/v1/runs").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("width must be a number"));
        given().header("Authorization", AUTH).contentType(ContentType.JSON).body(Map.of("epochs", 0))
                .when().post("/api/v1/runs").then().statusCode(400).body("detail", containsString("epochs must be"));
        given().header("Authorization", AUTH).contentType(ContentType.JSON).body(Map.of("lernRate", 1))
                .when().post("/api/v1/runs").then().statusCode(400).body("detail", containsString("unknown field 'lernRate'"));
        given().header("Authorization", AUTH).contentType(ContentType.JSON).body("{not json")
                .when().post("/api/v1/runs").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", AUTH).contentType(ContentType.JSON).body(Map.of("profile", "huge"))
                .when().post("/api/v1/runs").then().statusCode(400).body("detail", containsString("profile"));
        given().get("/api/v1/runs/no-such-run").then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", AUTH).when().post("/api/v1/runs/no-such-run/stop").then().statusCode(404);
    }

    @Test
    void aRunPublishesSchemaValidEventsInOrderAndAnnouncesVerifiableCheckpoints() throws IOException {
        String runId = "events-1";
        start(tiny(runId, 2, 256));
        given().header("Authorization", AUTH).contentType(ContentType.JSON).body(tiny("other", 1, 256))
                .when().post("/api/v1/runs").then().statusCode(409).contentType("application/problem+json");
        awaitStatus(runId, "COMPLETED");
        given().get("/api/v1/runs").then().statusCode(200).body("runId", org.hamcrest.Matchers.hasItem(runId));

        List<RunEvent> lifecycle = EventLog.runs(runId);
        assertEquals(List.of("STARTED", "COMPLETED"), lifecycle.stream().map(RunEvent::type).toList());
        assertEquals(7, ((Number) lifecycle.get(0).config().get("seed")).intValue());
        assertEquals("cpu()", lifecycle.get(0).device());

        List<MetricsEvent> metrics = EventLog.metrics(runId);
        List<MetricsEvent> training = metrics.stream().filter(m -> !m.type().equals("SYSTEM")).toList();
        assertEquals(List.of(1, 1, 1, 1, 1, 2, 2, 2, 2, 2), training.stream().map(MetricsEvent::epoch).toList(),
                "4 PROGRESS (every 2 of 8 steps) then EPOCH, per epoch, in order");
        assertEquals(List.of("PROGRESS", "PROGRESS", "PROGRESS", "PROGRESS", "EPOCH"),
                training.subList(0, 5).stream().map(MetricsEvent::type).toList());
        for (int i = 1; i < training.size(); i++) {
            assertTrue(training.get(i).step() >= training.get(i - 1).step(), "steps never go back");
        }
        MetricsEvent epoch2 = training.get(9);
        assertEquals(16, epoch2.step());
        assertTrue(epoch2.epochSeconds() > 0 && Double.isFinite(epoch2.genLoss()));
        // quality every 2 epochs (test profile) and after the last, on 300 samples at the end
        assertEquals(null, training.get(4).quality(), "epoch 1 is not a quality epoch");
        assertEquals(300, epoch2.quality().samples());
        assertTrue(epoch2.quality().fid() > epoch2.quality().floor().fid(), "an 2-epoch tiny GAN is not real data");
        assertEquals(10, epoch2.quality().classCoverage().size());

        List<SampleEvent> samples = EventLog.samples(runId);
        assertEquals(List.of(1, 2), samples.stream().map(SampleEvent::epoch).toList());
        byte[] png = samples.get(0).png();
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);

        List<CheckpointEvent> checkpoints = EventLog.checkpoints(runId);
        assertEquals(List.of(1, 2), checkpoints.stream().map(CheckpointEvent::epoch).toList());
        for (CheckpointEvent c : checkpoints) {
            Path dir = checkpointDir.resolve(c.path());
            assertTrue(Files.isDirectory(dir), c.path());
            assertEquals(c.sha256(), Sha256.of(dir.resolve("generator.params")));
            assertEquals(0.25, c.model().width());
        }
        assertEquals(null, checkpoints.get(0).quality());
        assertEquals(null, checkpoints.get(0).best(), "nothing measured after epoch 1");
        assertEquals(epoch2.quality(), checkpoints.get(1).quality());
        // ranked by the FID at the run's per-epoch count (200), not the final 300-sample one
        assertEquals(new CheckpointEvent.Best(2, runId + "/epoch-0002", epoch2.quality().trackingFid()),
                checkpoints.get(1).best());
    }

    @Test
    void aConditionalRunSaysSoInItsEventsAndMeasuresClassAccuracy() throws IOException {
        String runId = "conditional-1";
        Map<String, Object> body = new java.util.HashMap<>(tiny(runId, 2, 256));
        body.put("conditional", true);
        start(body);
        awaitStatus(runId, "COMPLETED");
        given().get("/api/v1/runs/" + runId).then().body("config.model.classes", equalTo(10))
                .body("config.model.conditioning", equalTo("projection"));
        List<CheckpointEvent> checkpoints = EventLog.checkpoints(runId);
        assertEquals(2, checkpoints.size());
        CheckpointEvent last = checkpoints.get(1);
        assertTrue(last.model().conditional());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), last.model().classes());
        Quality q = last.servedQuality();
        assertTrue(q.classAccuracy() >= 0 && q.classAccuracy() <= 1, "class accuracy " + q.classAccuracy());
        assertEquals(10, q.classAccuracyByClass().size());
        assertEquals(10, q.confusion().size(), "a row per class asked");
        q.confusion().forEach((asked, row) -> {
            assertEquals(1.0, row.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-3, "row " + asked + " sums to 1");
            assertEquals(q.classAccuracyByClass().get(asked), row.getOrDefault(asked, 0.0), 1e-4, "its diagonal is the class's accuracy");
        });
        assertTrue(q.floor().classAccuracy() >= 0.99, "the evaluator's own accuracy beside it");
        // the sample grid is a row of 8 per digit: 10 rows
        byte[] png = EventLog.samples(runId).get(0).png();
        java.awt.image.BufferedImage grid = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertEquals(2 + 10 * 30, grid.getHeight());
        given().header("Authorization", AUTH).contentType(ContentType.JSON)
                .body(Map.of("conditional", false, "conditioning", "projection")).when().post("/api/v1/runs").then()
                .statusCode(400).body("detail", containsString("needs conditional true"));
        given().header("Authorization", AUTH).contentType(ContentType.JSON)
                .body(Map.of("conditioning", "labels")).when().post("/api/v1/runs").then()
                .statusCode(400).body("title", containsString("conditioning"));
    }

    @Test
    void aFashionMnistRunLearnsClothesAndNamesThem() throws IOException {
        String runId = "fashion-1";
        Map<String, Object> body = new java.util.HashMap<>(tiny(runId, 1, 256));
        body.put("conditional", true);
        body.put("dataset", "fashion-mnist");
        start(body);
        awaitStatus(runId, "COMPLETED");
        given().get("/api/v1/runs/" + runId).then().body("config.dataset", equalTo("fashion-mnist"));
        CheckpointEvent last = EventLog.checkpoints(runId).get(0);
        assertEquals("fashion-mnist", last.model().dataset());
        assertEquals("T-shirt/top", last.model().classes().get(0));
        assertEquals("Ankle boot", last.model().classes().get(9));
        Quality q = last.servedQuality();
        assertEquals("fashion-lenet-v1", q.evaluator(), "measured with Fashion-MNIST's own evaluator");
        assertTrue(q.floor().classAccuracy() >= 0.90 && q.floor().classAccuracy() < 0.99,
                "Fashion-MNIST's evaluator accuracy, not MNIST's: " + q.floor().classAccuracy());
        given().header("Authorization", AUTH).contentType(ContentType.JSON)
                .body(Map.of("dataset", "cifar10")).when().post("/api/v1/runs").then()
                .statusCode(400).body("title", containsString("dataset"));
    }

    @Test
    void systemFiguresArriveWhileTraining() {
        String runId = "system-1";
        start(tiny(runId, 2, 1024));
        awaitStatus(runId, "COMPLETED");
        List<MetricsEvent> system = EventLog.metrics(runId).stream().filter(m -> m.type().equals("SYSTEM")).toList();
        assertFalse(system.isEmpty(), "a SYSTEM event every second in tests");
        assertTrue(system.get(0).system().residentBytes() > 100_000_000L);
        assertTrue(system.get(0).system().heapUsedBytes() > 0);
        given().get("/q/metrics").then().statusCode(200).body(containsString("digitgan_training_steps_total"));
    }

    @Test
    void aRunInterruptedDuringEpochTwoResumesAtEpochTwoAndEachEpochIsSeenOnce() {
        String runId = "resume-1";
        start(tiny(runId, 3, 1024));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(
                () -> ((Number) given().get("/api/v1/runs/" + runId).then().extract().path("lastEpoch")).intValue() >= 1);
        runs.interruptForTest(); // what a SIGTERM or crash does: the run stays RUNNING
        assertEquals("RUNNING", given().get("/api/v1/runs/" + runId).then().extract().path("status"));
        int resumedAfter = ((Number) given().get("/api/v1/runs/" + runId).then().extract().path("lastEpoch")).intValue();

        // what ./digitgan up's message names: the operator's resume call
        given().header("Authorization", AUTH).post("/api/v1/runs/" + runId + "/resume").then().statusCode(202)
                .body("runId", equalTo(runId)).body("status", equalTo("RUNNING"));
        awaitStatus(runId, "COMPLETED");
        given().header("Authorization", AUTH).post("/api/v1/runs/" + runId + "/resume").then().statusCode(409)
                .body("detail", containsString("COMPLETED: nothing to resume"));

        List<RunEvent> lifecycle = EventLog.runs(runId);
        assertEquals(List.of("STARTED", "RESUMED", "COMPLETED"), lifecycle.stream().map(RunEvent::type).toList());
        assertEquals(resumedAfter, lifecycle.get(1).epoch(), "RESUMED names the checkpointed epoch it continues after");

        List<MetricsEvent> epochs = EventLog.metrics(runId).stream().filter(m -> m.type().equals("EPOCH")).toList();
        List<MetricsEvent> deduped = EventLog.dedupe(epochs);
        assertEquals(List.of(1, 2, 3), deduped.stream().map(MetricsEvent::epoch).toList());
        assertTrue(epochs.size() > deduped.size(), "the checkpointed epoch was announced again: " + epochs.size());
        // no epoch at or before the checkpoint was trained again: no progress from it after RESUMED
        List<MetricsEvent> all = EventLog.metrics(runId);
        long progressOfOldEpochsAfterResume = all.stream()
                .filter(m -> m.type().equals("PROGRESS") && m.timestamp().isAfter(lifecycle.get(1).timestamp()))
                .filter(m -> m.epoch() <= resumedAfter).count();
        assertEquals(0, progressOfOldEpochsAfterResume);
        assertEquals(List.of(1, 2, 3), EventLog.dedupe(EventLog.checkpoints(runId)).stream()
                .map(CheckpointEvent::epoch).distinct().toList());
        // keep = 2 in tests: the oldest checkpoint was pruned
        assertFalse(Files.exists(checkpointDir.resolve(runId).resolve("epoch-0001")));
        assertTrue(Files.exists(checkpointDir.resolve(runId).resolve("epoch-0003")));
    }

    @Test
    void withTheBrokerDownTrainingGoesOnAndEveryEpochEventArrivesLater() {
        String runId = "outage-1";
        start(tiny(runId, 3, 768));
        await().atMost(Duration.ofMinutes(2)).until(
                () -> ((Number) given().get("/api/v1/runs/" + runId).then().extract().path("lastEpoch")).intValue() >= 1);
        QuarkusKafkaResource.broker().stop();
        try {
            awaitStatus(runId, "COMPLETED"); // training does not wait for Kafka
        } finally {
            QuarkusKafkaResource.broker().start();
        }
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() ->
                EventLog.runs(runId).stream().anyMatch(e -> e.type().equals("COMPLETED")));
        List<MetricsEvent> epochs = EventLog.dedupe(EventLog.metrics(runId)).stream()
                .filter(m -> m.type().equals("EPOCH")).toList();
        assertEquals(List.of(1, 2, 3), epochs.stream().map(MetricsEvent::epoch).toList());
        assertEquals(List.of(1, 2, 3), EventLog.dedupe(EventLog.checkpoints(runId)).stream()
                .map(CheckpointEvent::epoch).toList());
    }

    /** Every metric k8s/monitoring's alerts and dashboards read of the trainer is on its /q/metrics. */
    @Test
    void theMonitoringReadsOnlyMetricsTheTrainerExports() {
        given().get("/q/health/ready"); // the Kafka channels' gauges appear with the first check
        given().get("/api/v1/runs").then().statusCode(200);
        io.digitgan.testing.MonitoredMetrics.assertExportedBy("trainer");
    }
}
