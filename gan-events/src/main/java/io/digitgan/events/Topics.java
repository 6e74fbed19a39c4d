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

    public static final long SEVEN_DAYS_MS = 7L * 24 * 3600 * 1000;

    public static final List<Topic> ALL = List.of(
            new Topic(RUNS, "compact", null, RunEvent.class),
            new Topic(METRICS, "delete", SEVEN_DAYS_MS, MetricsEvent.class),
            new Topic(SAMPLES, "delete", null, SampleEvent.class),
            new Topic(CHECKPOINTS, "compact", null, CheckpointEvent.class));

    private Topics() {}
}
