package io.digitgan.trainer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.digitgan.events.Topics;
import io.digitgan.kafka.QuarkusKafkaResource;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The trainer's half of a checkpoint's trace, on the real broker with the SDK's in-memory
 * exporter: each epoch's end is a span, the checkpoint's write a child of it, the connector's
 * producer span of the checkpoint event a child of the write, and the record carries that span's
 * context (traceparent), which the generators continue (generator-service's CheckpointTraceTest).
 * Every other record the trainer sends is a producer span too.
 */
@QuarkusTest
@TestProfile(CheckpointTraceTest.Traced.class)
@QuarkusTestResource(QuarkusKafkaResource.class)
@QuarkusTestResource(FreshCheckpointDir.class)
class CheckpointTraceTest {

    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "50ms");
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theCheckpointEventCarriesItsWriteSpanAChildOfTheEpochsEnd() {
        TrainerServiceTest.start(TrainerServiceTest.tiny("traced-run", 2, 64));
        TrainerServiceTest.awaitStatus("traced-run", "COMPLETED");
        List<ConsumerRecord<String, String>> records = TestKafka.readAll(
                QuarkusKafkaResource.broker().bootstrapServers(), List.of(Topics.CHECKPOINTS)).stream()
                .filter(r -> r.key().startsWith("traced-run/")).toList();
        assertEquals(2, records.size(), "a checkpoint event per epoch");
        for (ConsumerRecord<String, String> record : records) {
            var header = record.headers().lastHeader("traceparent");
            assertNotNull(header, record.key() + " carries a trace context");
            String[] traceparent = new String(header.value(), StandardCharsets.UTF_8).split("-");
            String traceId = traceparent[1];
            String spanId = traceparent[2];
            SpanData publish = awaitSpan(spanId);
            assertEquals(SpanKind.PRODUCER, publish.getKind(), record.key() + ": the connector's span of the record");
            assertEquals(traceId, publish.getTraceId());
            SpanData write = awaitSpan(publish.getParentSpanId());
            assertEquals("gan.checkpoint.write", write.getName(), "the record is sent under the checkpoint's write");
            assertEquals(traceId, write.getTraceId());
            awaitSpan(write.getParentSpanId());
            SpanData epochEnd = span(write.getParentSpanId());
            assertEquals("gan.epoch.end", epochEnd.getName(), "the write is a step of the epoch's end");
            assertEquals(Long.parseLong(record.key().split("/")[1]),
                    epochEnd.getAttributes().get(io.opentelemetry.api.common.AttributeKey.longKey("digitgan.epoch")));
            System.out.println("trainer's part of " + record.key() + "'s trace:\n"
                    + SpanTree.of(spans.getFinishedSpanItems(), traceId));
        }
    }

    @Test
    void everyRecordTheTrainerSendsIsASpanOfTheConnector() {
        TrainerServiceTest.start(TrainerServiceTest.tiny("traced-metrics", 1, 64));
        TrainerServiceTest.awaitStatus("traced-metrics", "COMPLETED");
        await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.PRODUCER).map(s -> s.getName().split(" ")[0])
                .collect(java.util.stream.Collectors.toSet()).containsAll(List.of(Topics.RUNS, Topics.METRICS, Topics.SAMPLES)));
    }

    private SpanData awaitSpan(String spanId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .anyMatch(s -> s.getSpanId().equals(spanId)));
        return span(spanId);
    }

    private SpanData span(String spanId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getSpanId().equals(spanId)).findFirst().orElseThrow();
    }
}
