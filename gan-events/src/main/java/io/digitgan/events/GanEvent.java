package io.digitgan.events;

/**
 * An event on one of DigitGAN's topics. Every event carries {@code schemaVersion} (1), a type and
 * the run id, which is also the Kafka key.
 */
public sealed interface GanEvent permits RunEvent, MetricsEvent, SampleEvent, CheckpointEvent {

    int SCHEMA_VERSION = 1;

    int schemaVersion();

    String type();

    String runId();

    /** The topic this kind of event goes to. */
    String topic();

    /**
     * What consumers dedupe by: (runId, type, epoch, step). Delivery is
     * at-least-once, so the same key can arrive twice.
     */
    DedupeKey dedupeKey();
}
