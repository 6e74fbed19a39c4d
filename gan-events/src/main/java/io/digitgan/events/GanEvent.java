package io.digitgan.events;

/**
 * An event on one of DigitGAN's topics. Every event carries {@code schemaVersion} (1), a type and
 * the run id; the Kafka key is {@link #key()}.
 */
public sealed interface GanEvent permits RunEvent, MetricsEvent, SampleEvent, CheckpointEvent {

    int SCHEMA_VERSION = 1;

    int schemaVersion();

    String type();

    String runId();

    /** The topic this kind of event goes to. */
    String topic();

    /**
     * The Kafka key: the run id, so that a run's events keep their order (and {@code gan.runs}
     * compacts to each run's newest state).
     */
    default String key() {
        return runId();
    }

    /**
     * What consumers dedupe by: (runId, type, epoch, step). Delivery is
     * at-least-once, so the same key can arrive twice.
     */
    DedupeKey dedupeKey();
}
