package io.digitgan.trainer.messaging;

/**
 * An event waiting to be sent: its topic, key (the run id), JSON, and whether it may be dropped
 * when the buffer is full (only PROGRESS and SYSTEM may).
 */
public record OutboundEvent(String topic, String key, String json, boolean droppable) {}
