package io.digitgan.trainer.messaging;

import io.digitgan.events.EventJson;
import io.digitgan.events.GanEvent;
import io.digitgan.events.MetricsEvent;
import io.digitgan.service.tracing.TraceHeaders;
import io.digitgan.trainer.TrainerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes events through the {@code gan-events-out} channel (each record's topic and key, the
 * run id, in its Kafka metadata), in the order they were produced, through an
 * {@link EventOutbox}: training adds and goes on, one sender thread hands the oldest event to the
 * emitter and removes it only once the broker has acknowledged it. While Kafka is down events
 * wait and are delivered, in order, when it returns. The producer is idempotent; a retry after an
 * unacknowledged send may still duplicate an event, which consumers dedupe (at-least-once).
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    /** Longer than the producer's delivery timeout: the ack or nack always comes first. */
    private static final long ACK_WAIT_SECONDS = 30;

    private final EventOutbox outbox;
    private final Emitter<String> emitter;
    private final String bootstrapServers;
    private volatile boolean running;
    private volatile boolean connected;
    private Thread sender;

    public EventPublisher(TrainerSettings settings, MeterRegistry registry, @Channel("gan-events-out") Emitter<String> emitter,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers) {
        this.outbox = new EventOutbox(settings.events().bufferSize());
        this.emitter = emitter;
        this.bootstrapServers = bootstrapServers;
        registry.gauge("digitgan.events.buffered", outbox, EventOutbox::size);
        registry.more().counter("digitgan.events.dropped", List.of(), outbox, EventOutbox::dropped);
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
        publish(event, java.util.Map.of());
    }

    /** As {@link #publish(GanEvent)}, its record's span a child of the span {@code traceContext} names (TraceHeaders). */
    public void publish(GanEvent event, java.util.Map<String, String> traceContext) {
        boolean droppable = event instanceof MetricsEvent m && !m.type().equals("EPOCH");
        outbox.add(new OutboundEvent(event.topic(), event.key(), EventJson.toJson(event), droppable, traceContext));
    }

    /**
     * Waits until every event has left (or {@code timeout} passed): what a process about to exit
     * does, so that its run's last events are not lost with it. Returns how many are left.
     */
    public int drain(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (outbox.size() > 0 && System.nanoTime() < deadline) {
            sleep(100);
        }
        return outbox.size();
    }

    public int buffered() {
        return outbox.size();
    }

    public boolean connected() {
        return connected;
    }

    private void sendLoop() {
        long backoff = 200;
        while (running) {
            try {
                OutboundEvent next = outbox.peek(1, TimeUnit.SECONDS);
                if (next == null) {
                    continue;
                }
                send(next).get(ACK_WAIT_SECONDS, TimeUnit.SECONDS);
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
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    LOG.warnf("Kafka at %s unreachable (%s); training goes on, %d events wait", bootstrapServers,
                            cause.getClass().getSimpleName(), outbox.size());
                }
                connected = false;
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    /** Hands one event to the channel; completes when the broker acknowledged it, fails on a nack. */
    private CompletableFuture<Void> send(OutboundEvent event) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<String> message = Message.of(event.json())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(event.topic()).withKey(event.key()).build())
                // the connector's producer span: under the span the event continues, else a trace of its own
                .addMetadata(TracingMetadata.withCurrent(TraceHeaders.context(event.traceContext())))
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        return acked;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
