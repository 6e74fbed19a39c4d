package io.digitgan.generator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.events.EventJson;
import io.digitgan.events.Topics;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.CapturedLogs;
import io.digitgan.testing.SpanTree;
import io.digitgan.testing.TestKafka;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint announced with the trainer's trace context in its record's headers (what the
 * trainer's producer span writes there): the connector's receive span and this replica's load are
 * its children in that same trace, fetch, verification and swap steps of the load, and the log
 * lines written while loading carry the trace's ids. HTTP requests are spans too, their log lines
 * likewise. On the real broker, with the SDK's in-memory exporter.
 */
@QuarkusTest
@TestProfile(CheckpointTraceTest.Traced.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
class CheckpointTraceTest {

    static final String STORE = "traced";
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String TRAINER_PRODUCER_SPAN = "00f067aa0ba902b7";

    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "50ms",
                    "digitgan.checkpoints.dir", TestCheckpoints.store(STORE).toString());
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theLoadIsAChildOfTheTrainersRecordInOneTraceAndItsLogLinesSayWhich() {
        Checkpoint c = TestCheckpoints.train(STORE, "traced-run", 1).get(0);
        List<CapturedLogs.Line> serving;
        try (CapturedLogs logs = CapturedLogs.start()) {
            TestKafka.send(QuarkusKafkaResource.broker().bootstrapServers(), Topics.CHECKPOINTS, "traced-run/1",
                    EventJson.toJson(TestCheckpoints.event(c)), Map.of("traceparent", "00-" + TRACE + "-" + TRAINER_PRODUCER_SPAN + "-01"));
            await().atMost(Duration.ofSeconds(30)).until(() -> named("gan.model.swap").size() == 1);
            serving = logs.containing("serving " + TestCheckpoints.event(c).path());
        }

        SpanData load = named("gan.checkpoint.load").get(0);
        assertEquals(TRACE, load.getTraceId(), "the trainer's trace");
        assertEquals(TRAINER_PRODUCER_SPAN, load.getParentSpanId(), "a child of the trainer's record");
        SpanData receive = spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CONSUMER)
                .filter(s -> s.getParentSpanId().equals(TRAINER_PRODUCER_SPAN)).findFirst().orElseThrow();
        assertEquals(TRACE, receive.getTraceId(), "the connector's span of the record, in the same trace");
        assertEquals(1, serving.size(), "one line says what is served");
        assertEquals(TRACE, serving.get(0).traceId(), "the line carries the trace id");
        assertEquals(load.getSpanId(), serving.get(0).spanId(), "and the load's span id");
        for (String child : List.of("gan.checkpoint.fetch", "gan.checkpoint.verify-and-load", "gan.model.swap")) {
            SpanData span = named(child).get(0);
            assertEquals(TRACE, span.getTraceId(), child);
            assertEquals(load.getSpanId(), span.getParentSpanId(), child + " is a step of the load");
        }
        System.out.println("generator's part of a checkpoint's trace:\n" + SpanTree.of(spans.getFinishedSpanItems(), TRACE));
    }

    @Test
    void anHttpRequestIsASpanAndItsLogLinesCarryItsIds() {
        Checkpoint c = TestCheckpoints.train(STORE, "traced-pin", 1).get(0);
        TestKafka.send(QuarkusKafkaResource.broker().bootstrapServers(), Topics.CHECKPOINTS, "traced-pin/1",
                EventJson.toJson(TestCheckpoints.event(c)));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/model").body().asString().contains("traced-pin"));
        List<CapturedLogs.Line> pinned;
        try (CapturedLogs logs = CapturedLogs.start()) {
            given().header("Authorization", "Bearer test-token").contentType("application/json")
                    .body(Map.of("runId", "traced-pin", "epoch", 1)).put("/api/v1/model/pin").then().statusCode(200);
            pinned = logs.containing("pinned to");
            given().header("Authorization", "Bearer test-token").delete("/api/v1/model/pin").then().statusCode(204);
        }
        assertEquals(1, pinned.size(), "one line says what was pinned");
        await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .anyMatch(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(pinned.get(0).traceId())));
        SpanData request = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(pinned.get(0).traceId())).findFirst().orElseThrow();
        assertEquals("PUT /api/v1/model/pin", request.getName());
        assertEquals(request.getSpanId(), pinned.get(0).spanId(), "the line names the request's span");
    }

    private List<SpanData> named(String name) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }
}
