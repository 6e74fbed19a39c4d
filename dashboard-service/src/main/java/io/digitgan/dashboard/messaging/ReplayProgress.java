package io.digitgan.dashboard.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the start-up replay of the topics has come: the end of each partition as it was when
 * the replay began, and the next offset after the last record applied. Caught up once every
 * partition has reached that end; it stays caught up (later records are live ones).
 */
final class ReplayProgress {

    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();
    private volatile Map<TopicPartition, Long> beginnings;
    private volatile Map<TopicPartition, Long> ends;
    private volatile boolean caughtUp;

    /** The partitions' first and end offsets when the replay began (once; later calls are ignored). */
    synchronized void target(Map<TopicPartition, Long> beginnings, Map<TopicPartition, Long> ends) {
        if (this.ends == null) {
            this.beginnings = Map.copyOf(beginnings);
            this.ends = Map.copyOf(ends);
        }
    }

    boolean hasTarget() {
        return ends != null;
    }

    /** A record of {@code partition} at {@code offset} was applied (or skipped as bad). */
    void applied(TopicPartition partition, long offset) {
        next.merge(partition, offset + 1, Math::max);
    }

    /** Whether every partition has been read to where it ended when the replay began. */
    boolean caughtUp() {
        if (!caughtUp && ends != null) {
            caughtUp = ends.entrySet().stream().allMatch(e -> position(e.getKey()) >= e.getValue());
        }
        return caughtUp;
    }

    /** Records read of those there were at the start (compacted-away offsets count as read). */
    long replayed() {
        return ends == null ? 0 : ends.keySet().stream().mapToLong(p -> Math.min(position(p), ends.get(p)) - start(p)).sum();
    }

    long total() {
        return ends == null ? 0 : ends.keySet().stream().mapToLong(p -> ends.get(p) - start(p)).sum();
    }

    private long position(TopicPartition p) {
        return Math.max(next.getOrDefault(p, 0L), start(p));
    }

    private long start(TopicPartition p) {
        return beginnings.getOrDefault(p, 0L);
    }
}
