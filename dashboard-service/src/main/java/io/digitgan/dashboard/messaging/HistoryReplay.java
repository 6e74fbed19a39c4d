package io.digitgan.dashboard.messaging;

import io.digitgan.service.messaging.ReplayProgress;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The replay of the topics at start: when the partitions are assigned, where they end is the
 * replay's end; the listener reports each record it handled. Says how far it is, in the log every
 * 10 s and to {@link HistoryReadiness}.
 */
@ApplicationScoped
@Identifier("history-replay") // the channel's consumer-rebalance-listener.name
@Default // also injected by type, into EventListener and HistoryReadiness
public class HistoryReplay implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(HistoryReplay.class);

    private final ReplayProgress progress = new ReplayProgress();
    private final long startedAt = System.nanoTime();
    private volatile boolean announced;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!progress.hasTarget()) {
            Map<TopicPartition, Long> positions = partitions.stream()
                    .collect(Collectors.toMap(Function.identity(), consumer::position));
            progress.target(positions, consumer.endOffsets(partitions));
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
