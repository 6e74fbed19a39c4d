package io.digitgan.dashboard.kafka;

import io.digitgan.dashboard.state.DashboardState;
import io.digitgan.events.EventJson;
import io.digitgan.events.GanEvent;
import io.digitgan.events.InvalidEventException;
import io.digitgan.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads the four topics from the beginning at every start (so a restart rebuilds everything),
 * with a consumer group of this replica's own. Bad events are skipped, logged and counted.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    private static final Map<String, Class<? extends GanEvent>> TYPES = Topics.ALL.stream()
            .collect(Collectors.toMap(Topics.Topic::name, Topics.Topic::eventType));

    private final DashboardState state;
    private final String bootstrapServers;
    private final Counter invalid;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean connected;

    public EventConsumer(DashboardState state, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers) {
        this.state = state;
        this.bootstrapServers = bootstrapServers;
        this.invalid = Counter.builder("digitgan.dashboard.events.invalid").description("bad events skipped")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        Thread thread = new Thread(this::consume, "event-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    public boolean connected() {
        return connected;
    }

    private void consume() {
        while (running) {
            try (KafkaConsumer<String, String> c = newConsumer()) {
                consumer = c;
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : TYPES.keySet()) {
                    c.partitionsFor(topic, Duration.ofSeconds(10))
                            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
                c.assign(partitions);
                c.seekToBeginning(partitions);
                connected = true;
                while (running) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                        handle(r);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                connected = false;
                if (!running) {
                    return;
                }
                LOG.warnf("Kafka at %s: %s; retrying in 2 s", bootstrapServers, e.toString());
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
            state.apply(EventJson.fromJson(record.value(), TYPES.get(record.topic())));
        } catch (InvalidEventException e) {
            invalid.increment();
            LOG.warnf("skipping bad event at %s offset %d: %s", record.topic(), record.offset(), e.getMessage());
        }
    }

    private KafkaConsumer<String, String> newConsumer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", "dashboard-" + UUID.randomUUID());
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        p.put("max.partition.fetch.bytes", String.valueOf(4 * 1024 * 1024));
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
