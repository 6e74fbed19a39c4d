package io.digitgan.generator.messaging;

import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.EventJson;
import io.digitgan.events.InvalidEventException;
import io.digitgan.generator.model.ModelService;
import io.digitgan.service.tracing.TraceHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Every checkpoint announced on {@code gan.checkpoints} (channel {@code checkpoints}: a consumer
 * group of this replica's own, from the earliest offset, so every replica sees every checkpoint).
 * During the replay events are only remembered; when {@link ReplayTracker} sees its end, the newest
 * loadable one is served, and after that each new one as it comes. Bad events are skipped, logged
 * and counted.
 */
@ApplicationScoped
public class CheckpointListener {

    private static final Logger LOG = Logger.getLogger(CheckpointListener.class);

    private final ModelService models;
    private final ReplayTracker replay;
    private final Counter invalid;

    public CheckpointListener(ModelService models, ReplayTracker replay, MeterRegistry registry) {
        this.models = models;
        this.replay = replay;
        this.invalid = Counter.builder("digitgan.generator.events.invalid").description("bad checkpoint events skipped")
                .register(registry);
    }

    @Incoming("checkpoints")
    @Blocking // loading a checkpoint reads files and runs the engine: never on the event loop
    public void onCheckpoint(ConsumerRecord<String, String> record) {
        try {
            if (record.value() == null) {
                throw new InvalidEventException("empty record (a tombstone or an undecodable value)");
            }
            // the trainer's write span, from the record's headers: this replica's load joins its trace
            models.onCheckpoint(EventJson.fromJson(record.value(), CheckpointEvent.class), TraceHeaders.from(record.headers()));
        } catch (InvalidEventException e) {
            invalid.increment();
            LOG.warnf("skipping bad event at %s offset %d: %s", record.topic(), record.offset(), e.getMessage());
        } finally {
            replay.seen(record);
        }
    }
}
