package io.digitgan.core.quality;

import io.digitgan.core.model.ImageGenerator;
import ai.djl.Device;
import io.digitgan.events.Quality;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@link QualityProbe} that loads the evaluator on its first measurement, training it first
 * when the store has none: a run starts at once, and pays the evaluator's minutes only when the
 * first figures are due (once per machine, the artifact is kept).
 */
public final class LazyQualityProbe implements QualityProbe, AutoCloseable {

    private final EvaluatorStore store;
    private final Path mnistDir;
    private final Device device;
    private final EvaluatorTrainer.Options options;
    private QualityMeter meter;

    public LazyQualityProbe(EvaluatorStore store, Path mnistDir, Device device, EvaluatorTrainer.Options options) {
        this.store = store;
        this.mnistDir = mnistDir;
        this.device = device;
        this.options = options;
    }

    @Override
    public synchronized Quality measure(ImageGenerator generator, int latentSize, int count, long seed)
            throws IOException {
        return meter().measure(generator, latentSize, count, seed);
    }

    @Override
    public synchronized Quality measure(ImageGenerator generator, int latentSize, int count, long seed,
            int trackingCount) throws IOException {
        return meter().measure(generator, latentSize, count, seed, trackingCount);
    }

    /** The loaded evaluator (loading or training it now if needed). */
    public synchronized QualityMeter meter() throws IOException {
        if (meter == null) {
            meter = store.loadOrTrain(mnistDir, device, options);
        }
        return meter;
    }

    @Override
    public synchronized void close() {
        if (meter != null) {
            meter.close();
            meter = null;
        }
    }
}
