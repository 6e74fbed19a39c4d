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
import io.digitgan.testing.TestKafka;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads a run's events from the real broker, from the beginning, parsing each (schema check). */
final class EventLog {

    private EventLog() {}

    static <T extends GanEvent> List<T> read(String topic, Class<T> type, String runId) {
        List<T> events = new ArrayList<>();
        for (ConsumerRecord<String, String> r : TestKafka.readAll(QuarkusKafkaResource.broker().bootstrapServers(),
                List.of(topic))) {
            T event = EventJson.fromJson(r.value(), type); // throws on a schema-invalid event
            if (runId.equals(event.runId())) {
                events.add(event);
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
