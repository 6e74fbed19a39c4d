package io.digitgan.generator.kafka;

import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.EventJson;
import io.digitgan.events.InvalidEventException;
import io.digitgan.events.Topics;
import io.digitgan.generator.model.ModelService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads {@code gan.checkpoints} from the beginning with a consumer group of this replica's own,
 * so every replica sees every checkpoint. Once the replay has reached the end offsets it had at
 * start, the newest checkpoint is served (or the store's newest manifest when the topic is empty);
 * after that each new event is served as it comes. Bad events are skipped, logged and counted.
 */
@ApplicationScoped
public class CheckpointConsumer {

    private static final Logger LOG = Logger.getLogger(CheckpointConsumer.class);

    private final ModelService models;
    private final String bootstrapServers;
    private final Counter invalid;
    private volatile boolean running;
    private volatile boolean replayed;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public CheckpointConsumer(ModelService models, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers) {
        this.models = models;
        this.bootstrapServers = bootstrapServers;
        this.invalid = Counter.builder("digitgan.generator.events.invalid").description("bad checkpoint events skipped")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::consume, "checkpoint-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup(); // ends a poll in progress; the thread then closes the consumer
        }
    }

    public boolean replayed() {
        return replayed;
    }

    private void consume() {
        while (running) {
            try (KafkaConsumer<String, String> consumer = newConsumer()) {
                this.consumer = consumer;
                TopicPartition partition = new TopicPartition(Topics.CHECKPOINTS, 0);
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHECKPOINTS, Duration.ofSeconds(10))
                        .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions.isEmpty() ? List.of(partition) : partitions);
                consumer.seekToBeginning(consumer.assignment());
                Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(10));
                while (running) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                        handle(r);
                    }
                    if (!replayed && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                        replayed = true;
                        LOG.info("replayed gan.checkpoints");
                        models.afterReplay();
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException | org.apache.kafka.common.errors.InterruptException e) {
                return;
            } catch (RuntimeException | LinkageError e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Kafka at %s: %s; retrying in 2 s", bootstrapServers, e.toString());
                if (!replayed) {
                    // no broker at start: serve the newest checkpoint on disk meanwhile
                    models.afterReplay();
                }
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void handle(ConsumerRecord<String, String> record) {
        try {
            models.onCheckpoint(EventJson.fromJson(record.value(), CheckpointEvent.class));
        } catch (InvalidEventException e) {
            invalid.increment();
            LOG.warnf("skipping bad event at gan.checkpoints offset %d: %s", record.offset(), e.getMessage());
        }
    }

    private KafkaConsumer<String, String> newConsumer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", "generator-" + host() + "-" + UUID.randomUUID());
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        p.put("max.partition.fetch.bytes", String.valueOf(4 * 1024 * 1024));
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "replica";
        }
    }
}
