package io.digitgan.kafka;

import io.digitgan.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints every message of DigitGAN's topics (or those named) from the beginning, one line each:
 * {@code topic key json}. Stops after two seconds without a message. A debugging aid:
 * {@code scripts/dump-events.sh [bootstrap] [topic ...]}.
 */
public final class TopicDump {

    private TopicDump() {}

    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        List<String> topics = args.length > 1 ? List.of(args).subList(1, args.length)
                : Topics.ALL.stream().map(Topics.Topic::name).toList();
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "dump-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(topics);
            long quietSince = System.currentTimeMillis();
            while (System.currentTimeMillis() - quietSince < 2_000 || consumer.assignment().isEmpty()) {
                var records = consumer.poll(Duration.ofMillis(300));
                for (ConsumerRecord<String, String> r : records) {
                    System.out.println(r.topic() + " " + r.key() + " " + r.value());
                }
                if (!records.isEmpty() || consumer.assignment().isEmpty()) {
                    quietSince = System.currentTimeMillis();
                }
            }
        }
    }
}
