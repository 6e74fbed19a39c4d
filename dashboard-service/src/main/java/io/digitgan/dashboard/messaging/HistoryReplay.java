package io.digitgan.dashboard.messaging;

import io.digitgan.events.Topics;
import io.digitgan.service.messaging.ReplayProgress;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The replay at start, of the two compacted topics only: gan.runs and gan.checkpoints hold every
 * run's state and checkpoints, a few kB a run, what the run list needs. Metrics and samples (nearly
 * all the bytes) are followed from their end: a run's earlier series are read when it is opened
 * ({@link SeriesReader}). When the partitions are assigned, where they end is the replay's end; the
 * listener reports each record it handled. Says how far it is, in the log every 10 s and to
 * {@link HistoryReadiness}.
 */
@ApplicationScoped
@Identifier("history-replay") // the channel's consumer-rebalance-listener.name
@Default // also injected by type, into EventListener and HistoryReadiness
public class HistoryReplay implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(HistoryReplay.class);

    private static final Set<String> FOLLOWED_FROM_END = Set.of(Topics.METRICS, Topics.SAMPLES);

    private final ReplayProgress progress = new ReplayProgress();
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final long startedAt = System.nanoTime();
    private volatile boolean announced;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition p : partitions) {
            Long resume = progress.resumeAt(p);
            if (resume != null) { // assigned again: on from where the listener was, neither from the start nor the end
                consumer.seek(p, resume);
            } else if (!progress.hasTarget() && FOLLOWED_FROM_END.contains(p.topic())) {
                consumer.seekToEnd(List.of(p));
            }
        }
        assigned.countDown();
        if (!progress.hasTarget()) {
            progress.target(consumer, partitions);
            LOG.infof("replaying the history: %d records", progress.total());
            announceWhenDone();
        }
    }

    /** The listener handled (applied, or skipped as bad) the record at {@code offset} of {@code topic}'s {@code partition}. */
    void applied(String topic, int partition, long offset) {
        progress.applied(new TopicPartition(topic, partition), offset);
        if (!announced) {
            announceWhenDone();
        }
    }

    private void announceWhenDone() {
        if (!announced && progress.caughtUp()) {
            announced = true;
            LOG.infof("history replayed: %d records in %.1f s; ready", progress.total(), (System.nanoTime() - startedAt) / 1e9);
        }
    }

    /** A long replay says how far it is. */
    @Scheduled(every = "10s", delayed = "10s")
    void report() {
        if (progress.hasTarget() && !progress.caughtUp()) {
            LOG.infof("replaying the history: %d of %d records", progress.replayed(), progress.total());
        }
    }

    /**
     * Waits until the live consumer has its partitions and positions (at most {@code limit}): a
     * read of a run's series up to the topics' ends then meets the live events with nothing between.
     */
    void awaitAssigned(Duration limit) {
        try {
            if (!assigned.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the dashboard's consumer has no partitions yet");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Whether every topic was read to where it ended when the replay began. */
    boolean caughtUp() {
        return progress.caughtUp();
    }

    long replayed() {
        return progress.replayed();
    }

    long total() {
        return progress.total();
    }
}
