package io.digitgan.core.quality;

import io.digitgan.core.model.ImageGenerator;
import io.digitgan.events.Quality;

/**
 * Measures a generator's samples; {@link io.digitgan.core.quality.QualityMeter} is one. Called on
 * the training thread between epochs.
 * (A lazy probe can load or train the evaluator on first use.)
 */
@FunctionalInterface
public interface QualityProbe {

    Quality measure(ImageGenerator generator, int latentSize, int count, long seed) throws Exception;

    /**
     * As {@link #measure(ImageGenerator, int, int, long)}, with {@code trackingFid} computed on the
     * first {@code trackingCount} samples (the figure comparable with measurements of that size).
     */
    default Quality measure(ImageGenerator generator, int latentSize, int count, long seed, int trackingCount)
            throws Exception {
        return measure(generator, latentSize, count, seed);
    }
}
