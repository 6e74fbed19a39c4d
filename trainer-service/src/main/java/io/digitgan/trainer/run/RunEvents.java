package io.digitgan.trainer.run;

import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.image.PngGrid;
import io.digitgan.core.model.ModelConfig;
import io.digitgan.core.train.EpochMetrics;
import io.digitgan.core.train.RunInfo;
import io.digitgan.core.train.SampleGrid;
import io.digitgan.core.train.StepMetrics;
import io.digitgan.core.train.TrainingListener;
import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.EventJson;
import io.digitgan.events.MetricsEvent;
import io.digitgan.events.RunEvent;
import io.digitgan.events.SampleEvent;
import io.digitgan.trainer.messaging.EventPublisher;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/** Turns what the trainer does into events, run-record updates and pruned checkpoints. */
final class RunEvents implements TrainingListener {

    private static final Logger LOG = Logger.getLogger(RunEvents.class);

    private final EventPublisher publisher;
    private final RunRegistry registry;
    private final CheckpointStore store;
    private final TrainingMeters meters;
    private final int progressEvery;
    private final int keep;
    private final CheckpointTracing tracing;
    private volatile RunRecord record;

    RunEvents(RunRecord record, EventPublisher publisher, RunRegistry registry, CheckpointStore store,
            TrainingMeters meters, int progressEvery, int keep, CheckpointTracing tracing) {
        this.record = record;
        this.tracing = tracing;
        this.publisher = publisher;
        this.registry = registry;
        this.store = store;
        this.meters = meters;
        this.progressEvery = Math.max(1, progressEvery);
        this.keep = keep;
    }

    RunRecord record() {
        return record;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> configMap(Object config) {
        return EventJson.mapper().convertValue(config, Map.class);
    }

    @Override
    public void onStart(RunInfo run) {
        publisher.publish(runEvent(run.resumed() ? "RESUMED" : "STARTED", run.firstEpoch() - 1, null));
    }

    /** A {@code gan.runs} event with the run's whole state: the newest alone rebuilds the run. */
    RunEvent runEvent(String type, int epoch, String reason) {
        return runEvent(record, type, epoch, reason);
    }

    /** As {@link #runEvent(String, int, String)}, for a run that is not training. */
    static RunEvent runEvent(RunRecord r, String type, int epoch, String reason) {
        return RunEvent.of(type, r.runId(), epoch, configMap(r.config()), r.device(), r.createdAt(), reason, r.sweep());
    }

    @Override
    public void onStep(StepMetrics s) {
        meters.step(s);
        if (s.step() % progressEvery == 0) {
            publisher.publish(MetricsEvent.training("PROGRESS", record.runId(), s.epoch(), s.globalStep(), s.genLoss(),
                    s.discLoss(), s.dReal(), s.dFake(), s.noiseStd(), s.imagesPerSecond(), null, null));
        }
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        tracing.epochEnded(record.runId(), m.epoch());
        meters.epoch(m);
        record = record.withEpoch(m);
        registry.save(record);
        publisher.publish(epochEvent(record.runId(), m));
    }

    static MetricsEvent epochEvent(String runId, EpochMetrics m) {
        return MetricsEvent.training("EPOCH", runId, m.epoch(), m.globalStep(), m.genLoss(), m.discLoss(), m.dReal(),
                m.dFake(), m.noiseStd(), m.imagesPerSecond(), m.epochSeconds(), m.quality(), m.emaQuality());
    }

    @Override
    public void onSamples(SampleGrid grid) {
        byte[] png = PngGrid.encode(grid.pixels(), grid.count(), ModelConfig.IMAGE_SIZE);
        publisher.publish(SampleEvent.of(record.runId(), grid.epoch(), png));
        tracing.samplesSent();
    }

    @Override
    public void onCheckpoint(Checkpoint checkpoint) {
        String path = store.relative(checkpoint);
        record = record.withCheckpoint(path);
        registry.save(record);
        CheckpointEvent event = checkpointEvent(store, checkpoint);
        publisher.publish(event, tracing.checkpointWritten(record.runId(), checkpoint.epoch(), event.uri(), event.sizeBytes()));
        tracing.announced();
        try {
            // the best checkpoint stays, however old, while it is the best
            Set<Integer> protectedEpochs = event.best() == null ? Set.of() : Set.of(event.best().epoch());
            for (var deleted : store.prune(record.runId(), keep, protectedEpochs)) {
                LOG.debugf("pruned %s", deleted);
            }
        } catch (IOException e) {
            LOG.warnf("could not prune old checkpoints of %s: %s", record.runId(), e.getMessage());
        }
    }

    /**
     * The event of a checkpoint, with its quality figures and the run's best checkpoint so far (by
     * the FID of the weights served: the averaged ones when there are).
     */
    static CheckpointEvent checkpointEvent(CheckpointStore store, Checkpoint checkpoint) {
        CheckpointEvent.Best best = null;
        try {
            Optional<Checkpoint> b = store.best(checkpoint.runId());
            if (b.isPresent()) {
                best = new CheckpointEvent.Best(b.get().epoch(), store.relative(b.get()),
                        b.get().manifest().servedQuality().comparableFid());
            }
        } catch (IOException e) {
            LOG.warnf("could not find the best checkpoint of %s: %s", checkpoint.runId(), e.getMessage());
        }
        String path = store.relative(checkpoint);
        return checkpointEvent(checkpoint, path, store.uri(path), best);
    }

    private static CheckpointEvent checkpointEvent(Checkpoint checkpoint, String path, String uri, CheckpointEvent.Best best) {
        ModelConfig m = checkpoint.manifest().config().model();
        return new CheckpointEvent(1, CheckpointEvent.TYPE, checkpoint.runId(), checkpoint.epoch(), path,
                checkpoint.generatorSha256(), checkpoint.sizeBytes(),
                new CheckpointEvent.ModelInfo(m.architecture(), m.width(), m.latentSize(), m.conditional(),
                        checkpoint.manifest().classes(), checkpoint.manifest().config().dataset().id()),
                checkpoint.manifest().quality(), best,
                Instant.parse(checkpoint.manifest().createdAt()),
                checkpoint.hasAveragedGenerator() ? checkpoint.averagedGeneratorSha256() : null,
                checkpoint.manifest().emaQuality(), uri);
    }
}
