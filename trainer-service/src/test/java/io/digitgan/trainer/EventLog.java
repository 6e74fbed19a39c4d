package io.digitgan.trainer;

import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.DedupeKey;
import io.digitgan.events.EventJson;
import io.digitgan.events.GanEvent;
import io.digitgan.events.MetricsEvent;
import io.digitgan.events.RunEvent;
import io.digitgan.events.SampleEvent;
import io.digitgan.events.Topics;
import io.digitgan.kafka.QuarkusKafkaResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a run's events from the real broker, from the beginning, parsing each (schema check). */
final class EventLog {

    private EventLog() {}

    static <T extends GanEvent> List<T> read(String topic, Class<T> type, String runId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", QuarkusKafkaResource.broker().bootstrapServers());
        p.put("group.id", "test-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        List<T> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            int emptyPolls = 0;
            long deadline = System.currentTimeMillis() + 20_000;
            while (emptyPolls < 3 && System.currentTimeMillis() < deadline) {
                var records = consumer.poll(Duration.ofMillis(700));
                if (records.isEmpty() && consumer.assignment().isEmpty()) {
                    continue; // not yet joined
                }
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<String, String> r : records) {
                    if (runId.equals(r.key())) {
                        events.add(EventJson.fromJson(r.value(), type)); // throws on a schema-invalid event
                    }
                }
            }
        }
        return events;
    }

    static List<RunEvent> runs(String runId) {
        return read(Topics.RUNS, RunEvent.class, runId);
    }

    static List<MetricsEvent> metrics(String runId) {
        return read(Topics.METRICS, MetricsEvent.class, runId);
    }

    static List<SampleEvent> samples(String runId) {
        return read(Topics.SAMPLES, SampleEvent.class, runId);
    }

    static List<CheckpointEvent> checkpoints(String runId) {
        return read(Topics.CHECKPOINTS, CheckpointEvent.class, runId);
    }

    /** What a deduping consumer keeps. */
    static <T extends GanEvent> List<T> dedupe(List<T> events) {
        Set<DedupeKey> seen = new LinkedHashSet<>();
        List<T> kept = new ArrayList<>();
        for (T e : events) {
            if (seen.add(e.dedupeKey())) {
                kept.add(e);
            }
        }
        return kept;
    }
}
