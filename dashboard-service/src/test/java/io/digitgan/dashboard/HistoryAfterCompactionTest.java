package io.digitgan.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.digitgan.events.EventJson;
import io.digitgan.events.RunEvent;
import io.digitgan.events.Topics;
import io.digitgan.kafka.LocalKafka;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * Kafka's housekeeping on the real broker: the log cleaner compacts gan.runs and gan.checkpoints
 * (segments rolled every 100 ms, any dirt cleanable) before a fresh dashboard starts; it still
 * shows the run's config, start time, status, every epoch and every checkpoint.
 */
@QuarkusTest
@TestProfile(HistoryAfterCompactionTest.AfterCompaction.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
class HistoryAfterCompactionTest {

    static final String RUN = "compacted-run";
    static final Instant STARTED = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

    /** Publishes a run, forces compaction and waits until the cleaner has removed its first events. */
    public static class PublishAndCompact implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            LocalKafka broker = QuarkusKafkaResource.broker();
            String kafka = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
                Map<ConfigResource, Collection<AlterConfigOp>> eager = new HashMap<>();
                for (Topics.Topic t : Topics.ALL) {
                    eager.put(new ConfigResource(ConfigResource.Type.TOPIC, t.name()), List.of(
                            set("segment.ms", "100"), set("min.cleanable.dirty.ratio", "0.001"),
                            set("delete.retention.ms", "100"), set("min.compaction.lag.ms", "0")));
                }
                admin.incrementalAlterConfigs(eager).all().get(30, TimeUnit.SECONDS);
                Map<String, Object> config = Map.of("epochs", 3, "batchSize", 32, "model", Map.of("width", 0.5));
                TestKafka.send(kafka, state("STARTED", 0, config));
                for (int epoch = 1; epoch <= 3; epoch++) {
                    TestKafka.send(kafka, Events.epoch(RUN, epoch, epoch * 10L, 1.0 + epoch));
                    TestKafka.send(kafka, Events.checkpoint(RUN, epoch));
                    pause();
                }
                TestKafka.send(kafka, state("COMPLETED", 3, config));
                awaitCompaction(kafka);
            } catch (Exception e) {
                throw new IllegalStateException("could not prepare the compacted topics: " + e, e);
            }
            return Map.of();
        }

        private static RunEvent state(String type, int epoch, Map<String, Object> config) {
            RunEvent e = RunEvent.of(type, RUN, epoch, config, "cpu()", STARTED, null);
            return e;
        }

        /** New records after segment.ms roll the segments, so the cleaner may compact the old ones. */
        private static void awaitCompaction(String kafka) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 90_000;
            int filler = 0;
            while (System.currentTimeMillis() < deadline) {
                pause();
                TestKafka.send(kafka, Events.started("filler-" + (filler % 2), 1)); // the same two keys again and again
                TestKafka.send(kafka, Events.checkpoint("filler-0", 1));
                filler++;
                boolean startedGone = TestKafka.readAll(kafka, List.of(Topics.RUNS)).stream()
                        .noneMatch(r -> RUN.equals(r.key()) && r.value().contains("\"STARTED\""));
                if (startedGone) {
                    return;
                }
            }
            throw new IllegalStateException("the log cleaner did not compact gan.runs within 90 s");
        }

        private static void pause() throws InterruptedException {
            Thread.sleep(150);
        }

        private static AlterConfigOp set(String name, String value) {
            return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
        }

        @Override
        public void stop() {}
    }

    public static class AfterCompaction implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PublishAndCompact.class));
        }
    }

    @Test
    void aFreshDashboardShowsTheWholeRunAfterCompaction() {
        List<String> runsLeft = TestKafka.readAll(QuarkusKafkaResource.broker().bootstrapServers(), List.of(Topics.RUNS))
                .stream().filter(r -> RUN.equals(r.key())).map(r -> EventJson.fromJson(r.value(), RunEvent.class).type())
                .toList();
        assertEquals(List.of("COMPLETED"), runsLeft, "compaction left only the run's newest state");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> given()
                .get("/api/v1/runs/" + RUN).statusCode() == 200
                && given().get("/api/v1/runs/" + RUN).jsonPath().getList("checkpoints").size() == 3);
        JsonPath run = given().get("/api/v1/runs/" + RUN).then().statusCode(200).extract().jsonPath();
        assertEquals("COMPLETED", run.getString("status"));
        assertEquals(3, run.getInt("config.epochs"));
        assertEquals(STARTED, Instant.parse(run.getString("startedAt")));
        assertEquals("cpu()", run.getString("device"));
        assertEquals(List.of(1, 2, 3), run.getList("epochs.epoch"));
        assertEquals(List.of(1, 2, 3), run.getList("checkpoints.epoch"));
        assertFalse(run.getList("epochs").isEmpty());
    }
}
