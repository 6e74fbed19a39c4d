package io.digitgan.core.train;

/**
 * The generator's images for the run's fixed noise batch at the end of an epoch.
 *
 * @param epoch the epoch
 * @param pixels images × 28 × 28 values in [-1, 1], row-major
 * @param count number of images
 */
public record SampleGrid(int epoch, float[] pixels, int count) {}
