package io.digitgan.trainer.messaging;

/**
 * An event waiting to be sent: its topic, key (the run id), JSON, whether it may be dropped when
 * the buffer is full (only PROGRESS and SYSTEM may), and the trace context its record's span
 * continues (TraceHeaders; often none).
 */
public record OutboundEvent(String topic, String key, String json, boolean droppable, java.util.Map<String, String> traceContext) {

    public OutboundEvent(String topic, String key, String json, boolean droppable) {
        this(topic, key, json, droppable, java.util.Map.of());
    }
}
