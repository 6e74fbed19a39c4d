package io.digitgan.dashboard.messaging;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The replay of the topics at start: learns where they end when it begins (once the consumer has
 * its partitions), follows the listener's progress and says how far it is, in the log every 10 s
 * and to {@link HistoryReadiness}.
 */
@ApplicationScoped
public class HistoryReplay {

    private static final Logger LOG = Logger.getLogger(HistoryReplay.class);
    static final String CHANNEL = "gan-events";

    private final KafkaClientService clients;
    private final ReplayProgress progress = new ReplayProgress();
    private final long startedAt = System.nanoTime();
    private long lastReport = System.nanoTime();
    private boolean reported;

    public HistoryReplay(KafkaClientService clients) {
        this.clients = clients;
    }

    /** The listener applied (or skipped) the record at {@code offset} of {@code topic}'s {@code partition}. */
    void applied(String topic, int partition, long offset) {
        progress.applied(new TopicPartition(topic, partition), offset);
    }

    /** Until caught up: learns where the topics end (once the consumer has its partitions) and says how far it is. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        if (reported) {
            return;
        }
        if (!progress.hasTarget()) {
            learnTheEnds();
        }
        if (progress.caughtUp()) {
            reported = true;
            LOG.infof("history replayed: %d records of the topics in %.1f s; ready", progress.total(),
                    (System.nanoTime() - startedAt) / 1e9);
        } else if (progress.hasTarget() && System.nanoTime() - lastReport > 10_000_000_000L) {
            lastReport = System.nanoTime();
            LOG.infof("replaying history: %d of %d records", progress.replayed(), progress.total());
        }
    }

    private void learnTheEnds() {
        var consumers = clients.getConsumers(CHANNEL);
        if (consumers == null || consumers.isEmpty()) {
            return;
        }
        try {
            consumers.get(0).runOnPollingThread(c -> {
                Set<TopicPartition> assigned = c.assignment();
                if (!assigned.isEmpty()) {
                    progress.target(c.beginningOffsets(assigned), c.endOffsets(assigned));
                }
                return null;
            }).await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debugf("the ends of the topics are not known yet: %s", e.toString());
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
