package io.digitgan.dashboard.messaging;

import io.digitgan.dashboard.state.SeriesSource;
import io.digitgan.events.EventJson;
import io.digitgan.events.GanEvent;
import io.digitgan.events.InvalidEventException;
import io.digitgan.events.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads one run's series from the topics when it is opened: the time index of each partition of
 * gan.training.metrics, gan.samples and gan.checkpoints finds where the run's span begins and ends,
 * and only that stretch is read (its own events and those of runs that trained beside it). One
 * consumer of no group, with the channel's Kafka settings, reused; one read at a time.
 */
@ApplicationScoped
public class SeriesReader implements SeriesSource {

    private static final Logger LOG = Logger.getLogger(SeriesReader.class);
    private static final List<Topics.Topic> SERIES = Topics.ALL.stream().filter(t -> !t.name().equals(Topics.RUNS)).toList();
    private static final Duration READ_LIMIT = Duration.ofSeconds(25);

    private final Map<String, Object> kafka;
    private final HistoryReplay replay;
    private KafkaConsumer<String, String> consumer;

    public SeriesReader(@Identifier("default-kafka-broker") Map<String, Object> kafka, HistoryReplay replay) {
        this.kafka = kafka;
        this.replay = replay;
    }

    @Override
    public synchronized List<Stored> read(String runId, Instant from, Instant to) {
        // the live consumer's start must come before this read's end, or the events in between are in neither
        replay.awaitAssigned(READ_LIMIT);
        try {
            return readSpan(consumer(), runId, from, to);
        } catch (RuntimeException e) {
            close(); // a fresh consumer next time
            throw e;
        }
    }

    private List<Stored> readSpan(KafkaConsumer<String, String> c, String runId, Instant from, Instant to) {
        List<TopicPartition> partitions = SERIES.stream().flatMap(t -> c.partitionsFor(t.name(), READ_LIMIT).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        Map<TopicPartition, Long> ends = c.endOffsets(partitions, READ_LIMIT);
        Map<TopicPartition, OffsetAndTimestamp> starts = c.offsetsForTimes(at(partitions, from), READ_LIMIT);
        Map<TopicPartition, OffsetAndTimestamp> stops = to == null ? Map.of() : c.offsetsForTimes(at(partitions, to), READ_LIMIT);
        Map<TopicPartition, Long> until = new HashMap<>();
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp start = starts.get(p);
            OffsetAndTimestamp stop = stops.get(p);
            long end = stop == null ? ends.get(p) : Math.min(stop.offset(), ends.get(p));
            if (start != null && start.offset() < end) {
                until.put(p, end);
            }
        }
        c.assign(until.keySet());
        until.keySet().forEach(p -> c.seek(p, starts.get(p).offset()));
        List<Stored> out = new ArrayList<>();
        long deadline = System.nanoTime() + READ_LIMIT.toNanos();
        while (until.keySet().stream().anyMatch(p -> c.position(p) < until.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading its events took over " + READ_LIMIT.toSeconds() + " s");
            }
            for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                TopicPartition p = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < until.get(p) && ours(r.key(), runId)) {
                    parse(r, runId, out);
                }
            }
        }
        c.assign(List.of());
        return out;
    }

    private static Map<TopicPartition, Long> at(List<TopicPartition> partitions, Instant t) {
        return partitions.stream().collect(Collectors.toMap(p -> p, p -> Math.max(0, t.toEpochMilli())));
    }

    /** Metrics and samples are keyed by the run id, checkpoints by {@code <run id>/<epoch>}; an unkeyed record may be anyone's. */
    private static boolean ours(String key, String runId) {
        return key == null || key.equals(runId) || key.startsWith(runId + "/");
    }

    private static void parse(ConsumerRecord<String, String> r, String runId, List<Stored> out) {
        if (r.value() == null) {
            return;
        }
        try {
            GanEvent event = EventJson.fromJson(r.value(), Topics.eventType(r.topic()));
            if (event.runId().equals(runId)) {
                out.add(new Stored(event, r.timestamp()));
            }
        } catch (InvalidEventException e) {
            LOG.debugf("skipping bad event at %s-%d offset %d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    private KafkaConsumer<String, String> consumer() {
        if (consumer == null) {
            Map<String, Object> config = new HashMap<>();
            kafka.forEach((k, v) -> {
                if (v != null && !v.toString().isEmpty()) {
                    config.put(k, v);
                }
            });
            config.remove("group.id");
            config.put("client.id", "dashboard-series-reader");
            config.put("enable.auto.commit", "false");
            config.put("auto.offset.reset", "none");
            config.put("max.partition.fetch.bytes", 4 * 1024 * 1024);
            consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        }
        return consumer;
    }

    @PreDestroy
    synchronized void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(2));
            consumer = null;
        }
    }
}
