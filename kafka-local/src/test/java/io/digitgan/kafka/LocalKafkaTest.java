package io.digitgan.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.events.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaTest {

    @TempDir
    Path dataDir;

    @Test
    void startsWithTheTopicsKeepsDataAcrossARestartAndStops() throws Exception {
        int port = FreePorts.next();
        try (LocalKafka kafka = new LocalKafka(port, dataDir).start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                for (Topics.Topic t : Topics.ALL) {
                    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, t.name());
                    Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
                    assertEquals(t.cleanupPolicy(), config.get("cleanup.policy").value(), t.name());
                }
            }
            produce(kafka, "before restart");
            kafka.stop();
            kafka.start(); // same data folder: formatted once, messages kept
            produce(kafka, "after restart");
            assertEquals(List.of("before restart", "after restart"), consumeAll(kafka, 2));
        }
        try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
            throw new AssertionError("port " + port + " still open after stop");
        } catch (java.io.IOException expected) {
            assertTrue(expected.getMessage() != null);
        }
    }

    private static void produce(LocalKafka kafka, String value) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("enable.idempotence", "true");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.RUNS, "run-1", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeAll(LocalKafka kafka, int expected) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("group.id", "test-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RUNS));
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
