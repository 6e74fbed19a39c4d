package io.digitgan.generator.messaging;

import io.digitgan.generator.GeneratorSettings;
import io.digitgan.generator.model.ModelService;
import io.digitgan.service.messaging.ReplayProgress;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Knows when the replay of {@code gan.checkpoints} is over. Chosen over "serve the store's newest
 * first": the topic says which checkpoints were announced (a half-written folder in the store never
 * was), so the generator loads once, the newest announced one, instead of once per old event.
 * When partitions are assigned, their end offsets are the replay's end; once every partition's
 * last record before that end was handled, the newest checkpoint is served. With no broker at
 * start the store's newest checkpoint serves meanwhile, after {@code digitgan.generator.broker-wait}.
 */
@ApplicationScoped
@Identifier("checkpoint-replay")
@Default // also injected by type, into CheckpointListener
public class ReplayTracker implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(ReplayTracker.class);
    private final ModelService models;
    private final Duration brokerWait;
    private final Instant started = Instant.now();
    private final ReplayProgress progress = new ReplayProgress();
    private volatile boolean assigned;
    private volatile boolean replayed;
    private volatile boolean servedFromStore;

    public ReplayTracker(ModelService models, GeneratorSettings settings) {
        this.models = models;
        this.brokerWait = settings.generator().brokerWait();
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (replayed) {
            return; // a rebalance after the replay: nothing to wait for
        }
        Map<TopicPartition, Long> end = progress.target(consumer, partitions);
        assigned = true;
        LOG.infof("replaying gan.checkpoints up to %s", end);
        finishIfDone();
    }

    /** Called after each record is handled. */
    void seen(ConsumerRecord<?, ?> record) {
        if (!replayed) {
            progress.applied(new TopicPartition(record.topic(), record.partition()), record.offset());
            finishIfDone();
        }
    }

    private synchronized void finishIfDone() {
        if (!replayed && assigned && progress.caughtUp()) {
            replayed = true;
            LOG.info("replayed gan.checkpoints");
            models.afterReplay();
        }
    }

    /** No broker yet: serve what the store has, once; the replay still decides when it comes. */
    @Scheduled(every = "2s", delayed = "2s") // "delay = 2" would be minutes
    void serveStoreWhileNoBroker() {
        if (!assigned && !servedFromStore && Instant.now().isAfter(started.plus(brokerWait))) {
            servedFromStore = true;
            LOG.warnf("no partitions of gan.checkpoints assigned after %d s: serving the store's newest checkpoint",
                    brokerWait.toSeconds());
            models.afterReplay();
        }
    }

    public boolean replayed() {
        return replayed;
    }
}
