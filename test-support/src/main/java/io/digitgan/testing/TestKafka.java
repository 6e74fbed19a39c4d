package io.digitgan.testing;

import static org.awaitility.Awaitility.await;

import io.digitgan.events.EventJson;
import io.digitgan.events.GanEvent;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ProducerBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka for tests, on SmallRye's {@link KafkaCompanion}: produce events as the trainer would, read
 * topics from their beginning as a fresh consumer would. Real clients on the real broker.
 */
public final class TestKafka {

    private static final Map<String, KafkaCompanion> COMPANIONS = new ConcurrentHashMap<>();
    private static final Map<String, ProducerBuilder<String, String>> PRODUCERS = new ConcurrentHashMap<>();

    private TestKafka() {}

    /** The companion of the broker at {@code bootstrapServers}: one per broker, until {@link #close}. */
    public static KafkaCompanion companion(String bootstrapServers) {
        return COMPANIONS.computeIfAbsent(bootstrapServers, KafkaCompanion::new);
    }

    /**
     * Closes the clients kept for the broker at {@code bootstrapServers}; call it before the broker
     * stops for good. A client left open to a stopped broker rebootstraps without pause: in the e2e
     * tests that was millions of log lines and a core kept busy for the rest of the JVM.
     */
    public static synchronized void close(String bootstrapServers) {
        PRODUCERS.remove(bootstrapServers);
        KafkaCompanion companion = COMPANIONS.remove(bootstrapServers);
        if (companion != null) {
            companion.close();
        }
    }

    /** Sends an event with its topic and key and waits for the broker's acknowledgement. */
    public static void send(String bootstrapServers, GanEvent event) {
        send(bootstrapServers, event.topic(), event.key(), EventJson.toJson(event));
    }

    /** Sends any record (also a malformed one) and waits for the acknowledgement. */
    public static void send(String bootstrapServers, String topic, String key, String value) {
        send(bootstrapServers, topic, key, value, Map.of());
    }

    /** As {@link #send(String, String, String, String)}, with headers (a trace context, say). */
    public static synchronized void send(String bootstrapServers, String topic, String key, String value,
            Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        // one producer per broker, as a service has: a builder keeps its producer for every task
        PRODUCERS.computeIfAbsent(bootstrapServers, b -> companion(b).produceStrings())
                .fromRecords(record).awaitCompletion(Duration.ofSeconds(30));
    }

    /**
     * Every record of {@code topics} from their beginning to where they end now, read without a
     * consumer group (at most 20 s). Topics that do not exist yet have none.
     */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, List<String> topics) {
        KafkaCompanion kafka = companion(bootstrapServers);
        List<String> existing = kafka.topics().list().stream().filter(topics::contains).toList();
        if (existing.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> partitions = kafka.topics().describe(existing.toArray(String[]::new)).values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition()))).toList();
        Map<TopicPartition, Long> from = offsets(kafka, partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> to = offsets(kafka, partitions, OffsetSpec.latest());
        if (from.equals(to)) {
            return List.of();
        }
        try (ConsumerTask<String, String> task = kafka.consumeStrings().fromOffsets(from)) {
            // the last offset below a partition's end is a record: compaction keeps a log's last one
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
                Map<TopicPartition, Long> read = task.latestOffsets();
                return to.entrySet().stream().allMatch(e -> e.getValue().equals(from.get(e.getKey()))
                        || read.getOrDefault(e.getKey(), -1L) >= e.getValue() - 1);
            });
            return task.getRecords();
        }
    }

    private static Map<TopicPartition, Long> offsets(KafkaCompanion kafka, List<TopicPartition> partitions, OffsetSpec spec) {
        return kafka.offsets().list(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
