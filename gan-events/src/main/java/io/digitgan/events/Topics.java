package io.digitgan.events;

import java.util.List;

/** Topic names and their cleanup policies, the contract every service and deployment follows. */
public final class Topics {

    public static final String RUNS = "gan.runs";
    public static final String METRICS = "gan.training.metrics";
    public static final String SAMPLES = "gan.samples";
    public static final String CHECKPOINTS = "gan.checkpoints";

    /** A topic and its configuration. */
    public record Topic(String name, String cleanupPolicy, Long retentionMs, Class<? extends GanEvent> eventType) {}

    /** Kafka's "keep forever". */
    public static final long FOREVER = -1;

    /**
     * A run's history lasts as long as its checkpoints, which are never expired by time: runs and
     * checkpoints are compacted (the newest state of each run, every checkpoint by its own key),
     * metrics and samples kept without a time limit (a run's metrics are a few hundred kB, its
     * sample grids a few MB).
     */
    public static final List<Topic> ALL = List.of(
            new Topic(RUNS, "compact", null, RunEvent.class),
            new Topic(METRICS, "delete", FOREVER, MetricsEvent.class),
            new Topic(SAMPLES, "delete", FOREVER, SampleEvent.class),
            new Topic(CHECKPOINTS, "compact", null, CheckpointEvent.class));

    /** The event type a DigitGAN topic carries; null for any other topic. */
    public static Class<? extends GanEvent> eventType(String topic) {
        return ALL.stream().filter(t -> t.name().equals(topic)).map(Topic::eventType).findFirst().orElse(null);
    }

    private Topics() {}
}
