package io.digitgan.core.model;

/** Draws images in [-1, 1] for latent vectors: a generator under evaluation. */
@FunctionalInterface
public interface ImageGenerator {

    /** @return count × 28 × 28 values for count × latentSize noise values */
    float[] generate(float[] noise, int count);
}
