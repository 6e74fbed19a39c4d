package io.digitgan.service.messaging;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer's replay of its topics at start has come: where each partition ended when
 * the replay began, and the next offset after the last record handled. Caught up once every
 * partition has reached that end; it stays caught up (later records are live ones). The
 * generator waits for it before serving the newest announced checkpoint, the dashboard before it
 * reports ready.
 */
public final class ReplayProgress {

    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();
    private volatile Map<TopicPartition, Long> beginnings;
    private volatile Map<TopicPartition, Long> ends;
    private volatile boolean caughtUp;

    /**
     * Where the replay starts (a partition's first offset, or the consumer's position in it) and
     * where each partition ended when it began; once: later calls (a rebalance) are ignored.
     */
    public synchronized void target(Map<TopicPartition, Long> beginnings, Map<TopicPartition, Long> ends) {
        if (this.ends == null) {
            this.beginnings = Map.copyOf(beginnings);
            this.ends = Map.copyOf(ends);
        }
    }

    /**
     * The target of a consumer just assigned {@code partitions}: its positions in them, and where
     * they end; once, as {@link #target(Map, Map)}.
     *
     * @return where the partitions end
     */
    public Map<TopicPartition, Long> target(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        target(partitions.stream().collect(Collectors.toMap(Function.identity(), consumer::position)), ends);
        return ends;
    }

    public boolean hasTarget() {
        return ends != null;
    }

    /** A record of {@code partition} at {@code offset} was applied (or skipped as bad). */
    public void applied(TopicPartition partition, long offset) {
        next.merge(partition, offset + 1, Math::max);
    }

    /**
     * Where a consumer assigned {@code partition} again (a rebalance, a broker back after an
     * outage) goes on: after the last record handled, or where the replay started in it; null for
     * a partition the target does not know (a topic created since).
     */
    public Long resumeAt(TopicPartition partition) {
        return ends == null || !ends.containsKey(partition) ? null : position(partition);
    }

    /** Whether every partition has been read to where it ended when the replay began. */
    public boolean caughtUp() {
        if (!caughtUp && ends != null) {
            caughtUp = ends.entrySet().stream().allMatch(e -> position(e.getKey()) >= e.getValue());
        }
        return caughtUp;
    }

    /** Records read of those there were at the start (compacted-away offsets count as read). */
    public long replayed() {
        return ends == null ? 0 : ends.keySet().stream().mapToLong(p -> Math.min(position(p), ends.get(p)) - start(p)).sum();
    }

    public long total() {
        return ends == null ? 0 : ends.keySet().stream().mapToLong(p -> ends.get(p) - start(p)).sum();
    }

    private long position(TopicPartition p) {
        return Math.max(next.getOrDefault(p, 0L), start(p));
    }

    private long start(TopicPartition p) {
        return beginnings.getOrDefault(p, 0L);
    }
}
