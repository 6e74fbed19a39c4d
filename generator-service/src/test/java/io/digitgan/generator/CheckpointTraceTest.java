package io.digitgan.generator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.events.EventJson;
import io.digitgan.events.Topics;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.digitgan.testing.SpanTree;
import io.digitgan.testing.TestKafka;
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
 * trainer's CheckpointTracing writes: its write span): this replica's fetch, verification, load
 * and swap are spans of that same trace, the load span a child of the trainer's write span. On
 * the real broker, with the SDK's in-memory exporter.
 */
@QuarkusTest
@TestProfile(CheckpointTraceTest.Traced.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
class CheckpointTraceTest {

    static final String STORE = "traced";
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String TRAINER_WRITE_SPAN = "00f067aa0ba902b7";

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
    void theLoadIsAChildOfTheTrainersWriteSpanInOneTrace() {
        Checkpoint c = TestCheckpoints.train(STORE, "traced-run", 1).get(0);
        TestKafka.send(QuarkusKafkaResource.broker().bootstrapServers(), Topics.CHECKPOINTS, "traced-run/1",
                EventJson.toJson(TestCheckpoints.event(c)), Map.of("traceparent", "00-" + TRACE + "-" + TRAINER_WRITE_SPAN + "-01"));
        await().atMost(Duration.ofSeconds(30)).until(() -> named("gan.model.swap").size() == 1);

        SpanData load = named("gan.checkpoint.load").get(0);
        assertEquals(TRACE, load.getTraceId(), "the trainer's trace");
        assertEquals(TRAINER_WRITE_SPAN, load.getParentSpanId(), "a child of the trainer's write span");
        for (String child : List.of("gan.checkpoint.fetch", "gan.checkpoint.verify-and-load", "gan.model.swap")) {
            SpanData span = named(child).get(0);
            assertEquals(TRACE, span.getTraceId(), child);
            assertEquals(load.getSpanId(), span.getParentSpanId(), child + " is a step of the load");
        }
        System.out.println("generator's part of a checkpoint's trace:\n" + SpanTree.of(spans.getFinishedSpanItems(), TRACE));
    }

    private List<SpanData> named(String name) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }
}
