package io.digitgan.core.train;

import ai.djl.Device;
import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.config.GanConfig;
import io.digitgan.core.data.DataFolders;
import io.digitgan.core.data.Dataset;
import io.digitgan.core.data.MnistDataset;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.quality.EvaluatorStore;
import io.digitgan.core.quality.EvaluatorTrainer;
import io.digitgan.core.quality.LazyQualityProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The wiring of a training run, the same for the {@code train} command and the trainer-service:
 * the engine and device, each dataset's training images (read once, when a run first needs them),
 * the checkpoint store, a new run or one resumed from a checkpoint, progress lines, and the
 * quality figures on their schedule (one evaluator per dataset for all runs, loaded when first
 * needed).
 */
public final class RunSetup implements AutoCloseable {

    /**
     * @param threads libtorch intra-op threads (0 = all cores)
     * @param device {@code auto}, {@code cpu} or {@code gpu}
     * @param data each dataset's idx files
     * @param store the checkpoint store
     * @param evaluatorDir the evaluator artifact's store
     * @param quality when to measure, or null for never
     * @param logEvery a progress line every N steps
     */
    public record Settings(int threads, String device, DataFolders data, CheckpointStore store, Path evaluatorDir,
            QualitySchedule quality, int logEvery) {}

    private final Settings settings;
    private final CheckpointStore store;
    private final Map<Dataset, MnistDataset> data = new EnumMap<>(Dataset.class);
    private final Map<Dataset, LazyQualityProbe> probes = new EnumMap<>(Dataset.class);

    public RunSetup(Settings settings) {
        this.settings = settings;
        this.store = settings.store();
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
        return wire(GanTrainer.start(runId, config, data(config.dataset()), device(), store), config.dataset());
    }

    /**
     * A run resumed after {@code from} (fetched from the store when its files are not here, and
     * verified); {@code epochs} &gt; 0 raises its total.
     */
    public GanTrainer resume(Checkpoint from, int epochs) throws IOException {
        Dataset dataset = from.manifest().config().dataset();
        Checkpoint local = java.nio.file.Files.isDirectory(from.dir()) ? from : store.fetch(from);
        return wire(GanTrainer.resume(local, data(dataset), device(), store, epochs), dataset);
    }

    private GanTrainer wire(GanTrainer trainer, Dataset dataset) {
        trainer.addListener(new ProgressLogger(settings.logEvery()));
        if (settings.quality() != null) {
            trainer.measureQuality(probe(dataset), settings.quality());
        }
        return trainer;
    }

    private synchronized LazyQualityProbe probe(Dataset dataset) {
        return probes.computeIfAbsent(dataset, d -> new LazyQualityProbe(new EvaluatorStore(settings.evaluatorDir(), d),
                settings.data().of(d), device(), EvaluatorTrainer.Options.standard()));
    }

    private synchronized MnistDataset data(Dataset dataset) {
        return data.computeIfAbsent(dataset, d -> {
            Path dir = settings.data().of(d);
            try {
                return MnistDataset.load(dir, MnistDataset.Split.TRAIN);
            } catch (IOException e) {
                throw new UncheckedIOException(d + " is not readable in " + dir + ": " + e.getMessage(), e);
            }
        });
    }

    /** Releases the evaluators. */
    @Override
    public synchronized void close() {
        probes.values().forEach(LazyQualityProbe::close);
        probes.clear();
    }
}
