package io.digitgan.core.train;

import ai.djl.Device;
import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.data.MnistDataset;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.quality.EvaluatorStore;
import io.digitgan.core.quality.EvaluatorTrainer;
import io.digitgan.core.quality.LazyQualityProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The wiring of a training run, the same for the {@code train} command and the trainer-service:
 * the engine and device, the MNIST training images (read once), the checkpoint store, a new run
 * or one resumed from a checkpoint, progress lines, and the quality figures on their schedule
 * (one evaluator for all runs, loaded when first needed).
 */
public final class RunSetup implements AutoCloseable {

    /**
     * @param threads libtorch intra-op threads (0 = all cores)
     * @param device {@code auto}, {@code cpu} or {@code gpu}
     * @param mnistDir the MNIST idx files
     * @param checkpointDir the checkpoint store
     * @param evaluatorDir the evaluator artifact's store
     * @param quality when to measure, or null for never
     * @param logEvery a progress line every N steps
     */
    public record Settings(int threads, String device, Path mnistDir, Path checkpointDir, Path evaluatorDir,
            QualitySchedule quality, int logEvery) {}

    private final Settings settings;
    private final CheckpointStore store;
    private MnistDataset data;
    private LazyQualityProbe probe;

    public RunSetup(Settings settings) {
        this.settings = settings;
        this.store = new CheckpointStore(settings.checkpointDir());
    }

    public CheckpointStore store() {
        return store;
    }

    /** Starts the engine with the configured threads (the first caller in a JVM wins) and picks the device. */
    public Device device() {
        DjlEngine.start(settings.threads());
        return DjlEngine.device(settings.device());
    }

    /** A new run, wired. */
    public GanTrainer start(String runId, GanConfig config) {
        return wire(GanTrainer.start(runId, config, data(), device(), store));
    }

    /** A run resumed after {@code from} (verified first); {@code epochs} &gt; 0 raises its total. */
    public GanTrainer resume(Checkpoint from, int epochs) throws IOException {
        return wire(GanTrainer.resume(from, data(), device(), store, epochs));
    }

    private GanTrainer wire(GanTrainer trainer) {
        trainer.addListener(new ProgressLogger(settings.logEvery()));
        if (settings.quality() != null) {
            trainer.measureQuality(probe(), settings.quality());
        }
        return trainer;
    }

    private synchronized LazyQualityProbe probe() {
        if (probe == null) {
            probe = new LazyQualityProbe(new EvaluatorStore(settings.evaluatorDir()), settings.mnistDir(), device(),
                    EvaluatorTrainer.Options.standard());
        }
        return probe;
    }

    private synchronized MnistDataset data() {
        if (data == null) {
            try {
                data = MnistDataset.load(settings.mnistDir(), MnistDataset.Split.TRAIN);
            } catch (IOException e) {
                throw new UncheckedIOException("MNIST is not readable in " + settings.mnistDir() + ": " + e.getMessage(), e);
            }
        }
        return data;
    }

    /** Releases the evaluator. */
    @Override
    public synchronized void close() {
        if (probe != null) {
            probe.close();
            probe = null;
        }
    }
}
