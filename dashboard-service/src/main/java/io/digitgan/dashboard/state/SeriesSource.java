package io.digitgan.dashboard.state;

import io.digitgan.events.GanEvent;
import java.time.Instant;
import java.util.List;

/** Where a run's series are read from when it is opened: the topics (the messaging package's reader). */
public interface SeriesSource {

    /** A stored event and when it was written (its Kafka record's timestamp). */
    record Stored(GanEvent event, long writtenMs) {}

    /**
     * The metrics, sample and checkpoint events of {@code runId} written between {@code from} and
     * {@code to} (null: up to now), each topic's in the order they were written.
     */
    List<Stored> read(String runId, Instant from, Instant to);
}
