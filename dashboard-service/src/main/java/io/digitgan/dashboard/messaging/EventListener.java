package io.digitgan.dashboard.messaging;

import io.digitgan.dashboard.state.DashboardState;
import io.digitgan.events.EventJson;
import io.digitgan.events.GanEvent;
import io.digitgan.events.InvalidEventException;
import io.digitgan.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The four topics (channel {@code gan-events}) with a consumer group of this replica's own: runs
 * and checkpoints from the beginning at every start (every run's record), metrics and samples from
 * where they end ({@link HistoryReplay}). Bad events are skipped, logged and counted.
 */
@ApplicationScoped
public class EventListener {

    private static final Logger LOG = Logger.getLogger(EventListener.class);

    private final DashboardState state;
    private final HistoryReplay history;
    private final Counter invalid;

    public EventListener(DashboardState state, HistoryReplay history, MeterRegistry registry) {
        this.state = state;
        this.history = history;
        this.invalid = Counter.builder("digitgan.dashboard.events.invalid").description("bad events skipped")
                .register(registry);
    }

    @Incoming("gan-events")
    @Blocking // ordered: one record after another, off the event loop
    public void onEvent(ConsumerRecord<String, String> record) {
        try {
            Class<? extends GanEvent> type = Topics.eventType(record.topic());
            if (type == null || record.value() == null) {
                throw new InvalidEventException(type == null ? "not a DigitGAN topic" : "empty record");
            }
            state.apply(EventJson.fromJson(record.value(), type), record.timestamp());
        } catch (InvalidEventException e) {
            invalid.increment();
            LOG.warnf("skipping bad event at %s offset %d: %s", record.topic(), record.offset(), e.getMessage());
        } finally {
            history.applied(record.topic(), record.partition(), record.offset());
        }
    }
}
