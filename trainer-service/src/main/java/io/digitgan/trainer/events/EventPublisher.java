package io.digitgan.trainer.events;

import io.digitgan.events.EventJson;
import io.digitgan.events.GanEvent;
import io.digitgan.events.MetricsEvent;
import io.digitgan.trainer.TrainerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes events to Kafka in the order they were produced, through an {@link EventOutbox}, from
 * one sender thread: an event leaves the outbox only once the broker has acknowledged it, so while
 * Kafka is down events wait and are delivered, in order, when it returns. The producer is
 * idempotent; a retry after an unacknowledged send may still duplicate an event, which consumers
 * dedupe (delivery is at-least-once).
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final EventOutbox outbox;
    private final String bootstrapServers;
    private volatile boolean running;
    private volatile boolean connected;
    private Thread sender;

    public EventPublisher(TrainerSettings settings, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers) {
        this.outbox = new EventOutbox(settings.events().bufferSize());
        this.bootstrapServers = bootstrapServers;
        registry.gauge("digitgan.events.buffered", outbox, EventOutbox::size);
        registry.more().counter("digitgan.events.dropped", java.util.List.of(), outbox, EventOutbox::dropped);
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        sender = new Thread(this::sendLoop, "event-sender");
        sender.setDaemon(true);
        sender.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        // give queued events a moment to leave, then stop
        long deadline = System.currentTimeMillis() + 5_000;
        while (outbox.size() > 0 && connected && System.currentTimeMillis() < deadline) {
            sleep(50);
        }
        running = false;
        if (sender != null) {
            sender.interrupt();
        }
    }

    public void publish(GanEvent event) {
        boolean droppable = event instanceof MetricsEvent m && !m.type().equals("EPOCH");
        outbox.add(new OutboundEvent(event.topic(), event.runId(), EventJson.toJson(event), droppable));
    }

    public int buffered() {
        return outbox.size();
    }

    public boolean connected() {
        return connected;
    }

    private void sendLoop() {
        long backoff = 200;
        KafkaProducer<String, String> producer = null;
        while (running) {
            try {
                OutboundEvent next = outbox.peek(1, TimeUnit.SECONDS);
                if (next == null) {
                    continue;
                }
                if (producer == null) {
                    producer = newProducer();
                }
                producer.send(new ProducerRecord<>(next.topic(), next.key(), next.json())).get(20, TimeUnit.SECONDS);
                outbox.remove(next);
                if (!connected) {
                    LOG.infof("Kafka at %s reachable; %d events waiting", bootstrapServers, outbox.size());
                }
                connected = true;
                backoff = 200;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                if (connected || backoff == 200) {
                    LOG.warnf("Kafka at %s unreachable (%s); training goes on, %d events wait", bootstrapServers,
                            e.getClass().getSimpleName(), outbox.size());
                }
                connected = false;
                if (producer != null) {
                    // a fresh producer after a failure: the old one may hold a half-sent batch
                    producer.close(java.time.Duration.ZERO);
                    producer = null;
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
        if (producer != null) {
            try {
                producer.close(java.time.Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debug("producer closed while interrupted", e);
            }
        }
    }

    private KafkaProducer<String, String> newProducer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(4 * 1024 * 1024));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "digitgan-trainer");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
