package io.digitgan.testing;

import io.digitgan.events.EventJson;
import io.digitgan.events.GanEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients for tests: produce events as the trainer would, read a topic from the
 * beginning as a fresh consumer would. Real clients on the real broker.
 */
public final class TestKafka {

    private static final Map<String, KafkaProducer<String, String>> PRODUCERS = new HashMap<>();

    private TestKafka() {}

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
        KafkaProducer<String, String> producer = PRODUCERS.computeIfAbsent(bootstrapServers, b -> {
            Properties p = new Properties();
            p.put("bootstrap.servers", b);
            return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        });
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic + ": " + e, e);
        }
    }

    /**
     * Every record of {@code topics} from the beginning, read by a consumer group of its own until
     * three polls in a row bring nothing (at most 20 s).
     */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, List<String> topics) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", "test-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(topics);
            int emptyPolls = 0;
            long deadline = System.currentTimeMillis() + 20_000;
            while (emptyPolls < 3 && System.currentTimeMillis() < deadline) {
                var batch = consumer.poll(Duration.ofMillis(700));
                if (batch.isEmpty() && consumer.assignment().isEmpty()) {
                    continue; // not yet joined
                }
                emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
                batch.forEach(records::add);
            }
        }
        return records;
    }
}
