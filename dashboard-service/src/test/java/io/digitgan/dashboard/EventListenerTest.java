package io.digitgan.dashboard;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.digitgan.dashboard.state.DashboardState;
import io.digitgan.dashboard.state.StreamEvent;
import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.EventJson;
import io.digitgan.events.GanEvent;
import io.digitgan.events.Quality;
import io.digitgan.events.RunEvent;
import io.digitgan.events.Topics;
import io.digitgan.testing.Metrics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

/**
 * The listener and what it makes of records, on the in-memory connector: the fast tier, many cases
 * in a few seconds (quarkus-super-heroes' event-statistics tests its listener so). What needs a
 * broker (the replay at start, a run's series, security, outages, compaction) is the real-broker
 * tests': DashboardApiTest, HistoryAfterCompactionTest, SeriesReaderTest, e2e SecuredKafkaEndToEndTest.
 */
@QuarkusTest
@QuarkusTestResource(value = InMemoryEvents.class, restrictToAnnotatedClass = true)
class EventListenerTest {

    static final AtomicLong OFFSET = new AtomicLong();

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    DashboardState state;

    void send(String topic, String key, String value) {
        connector.source("gan-events").send(new ConsumerRecord<>(topic, 0, OFFSET.getAndIncrement(), key, value));
    }

    void send(GanEvent e) {
        send(e.topic(), e.key(), EventJson.toJson(e));
    }

    static RunEvent started(String runId, Map<String, Object> config, String sweep) {
        return RunEvent.of("STARTED", runId, 0, config, "cpu()", Instant.now(), null, sweep);
    }

    /** A checkpoint measured at {@code fid} (raw weights) and {@code emaFid} (the averaged ones, served when there). */
    static CheckpointEvent measured(String runId, int epoch, double fid, Double emaFid) {
        return new CheckpointEvent(1, CheckpointEvent.TYPE, runId, epoch, runId + "/epoch-000" + epoch, "ab".repeat(32), 1000,
                new CheckpointEvent.ModelInfo("dcgan", 0.25, 100), new Quality(fid, 7.0, null), null, Instant.now(),
                emaFid == null ? null : "cd".repeat(32), emaFid == null ? null : new Quality(emaFid, 8.0, null));
    }

    static JsonPath list(String query) {
        return given().get("/api/v1/runs?" + query).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aRunsEventsBecomeItsLineInTheList() {
        send(started("life", Map.of("epochs", 2), null));
        await().atMost(Duration.ofSeconds(10)).until(() -> list("q=life").getList("status").equals(List.of("RUNNING")));
        send(measured("life", 1, 30.0, 25.0));
        send(measured("life", 2, 20.0, null));
        send(RunEvent.of("COMPLETED", "life", 2, Map.of("epochs", 2), "cpu()", Instant.now(), null));
        await().atMost(Duration.ofSeconds(10)).until(() -> list("q=life").getList("status").equals(List.of("COMPLETED")));
        JsonPath run = list("q=life");
        assertEquals(2, run.getInt("[0].lastEpoch"));
        assertEquals(20.0f, run.getFloat("[0].bestFid"), "the served weights' lowest: the averaged at epoch 1, the raw at 2");
        assertEquals("cpu()", run.getString("[0].device"));
        send(RunEvent.of("FAILED", "life-2", 1, Map.of("epochs", 2), "cpu()", Instant.now(), "generator loss became NaN"));
        await().atMost(Duration.ofSeconds(10)).until(() -> list("q=life-2").getList("reason")
                .equals(List.of("generator loss became NaN")));
    }

    @Test
    void badRecordsOnEveryTopicAreSkippedCountedAndTheNextOneApplied() {
        double before = Metrics.value("digitgan_dashboard_events_invalid_total");
        String good = EventJson.toJson(started("after-bad", Map.of("epochs", 3), null));
        List<String> bad = List.of("not json", good.replace("\"schemaVersion\":1", "\"schemaVersion\":99"),
                "{\"schemaVersion\":1,\"type\":\"STARTED\"}", "{".repeat(500_000),
                good.replace("\"epoch\":0", "\"epoch\":99999999999999999999"), good.replace("\"epoch\":0", "\"epoch\":\"zero\""));
        for (Topics.Topic topic : Topics.ALL) {
            bad.forEach(value -> send(topic.name(), "bad", value));
            send(topic.name(), "bad", null); // a tombstone
        }
        send("not.a.digitgan.topic", "x", good);
        send(Topics.RUNS, "after-bad", good);
        await().atMost(Duration.ofSeconds(10)).until(() -> list("q=after-bad").getList("runId").equals(List.of("after-bad")));
        assertEquals(before + (bad.size() + 1) * Topics.ALL.size() + 1, Metrics.value("digitgan_dashboard_events_invalid_total"));
    }

    @Test
    void aRepeatedEventReachesTheStreamOnce() {
        List<StreamEvent> seen = new CopyOnWriteArrayList<>();
        state.follow(state.lastId(), seen::add);
        RunEvent first = started("twice", Map.of("epochs", 3), null);
        send(first);
        send(first); // redelivered: at-least-once
        send(measured("twice", 1, 40.0, null));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().anyMatch(e -> e.name().equals("checkpoints")));
        assertEquals(List.of("runs", "checkpoints"), seen.stream().map(StreamEvent::name).toList());
    }

    @Test
    void theListIsSearchedFilteredSortedAndPagedAndSweepsAreListed() {
        for (int i = 1; i <= 5; i++) {
            send(started("page-" + i, Map.of("epochs", 3), i <= 3 ? "widths" : null));
            send(measured("page-" + i, 1, 40.0 - i * 3 + (i == 2 ? 50 : 0), null));
        }
        send(started("page-fashion", Map.of("epochs", 3, "dataset", "fashion-mnist"), null));
        await().atMost(Duration.ofSeconds(10)).until(() -> "6".equals(given().queryParam("q", "PAGE-")
                .get("/api/v1/runs").header("X-Total-Count")));
        List<String> newest = list("q=page-&limit=2").getList("runId");
        assertEquals(2, newest.size(), "a page of two");
        List<String> next = list("q=page-&limit=2&offset=2").getList("runId");
        assertEquals(List.of(), next.stream().filter(newest::contains).toList(), newest + " then " + next);
        assertEquals(List.of("page-5", "page-4", "page-3", "page-1", "page-2", "page-fashion"),
                list("q=page-&sort=fid").getList("runId"), "lowest best FID first, unmeasured last");
        assertEquals(List.of("page-fashion"), list("dataset=fashion-mnist").getList("runId"));
        assertEquals(6, list("q=page-&status=running").getList("runId").size());
        assertEquals(List.of(), list("q=page-&status=COMPLETED").getList("runId"));
        assertEquals(List.of("page-3", "page-1", "page-2"), list("sweep=widths&sort=fid").getList("runId"));
        JsonPath sweeps = given().get("/api/v1/sweeps").then().statusCode(200).extract().jsonPath();
        assertEquals(3, sweeps.getInt("find { it.name == 'widths' }.runs"));
        assertEquals(3, sweeps.getInt("find { it.name == 'widths' }.running"));
        assertEquals("page-3", sweeps.getString("find { it.name == 'widths' }.bestRun"));
        for (String bad : List.of("limit=0", "limit=1001", "offset=-1", "sort=name")) {
            given().get("/api/v1/runs?" + bad).then().statusCode(400).contentType("application/problem+json");
        }
    }
}
