package io.digitgan.core.train;

import io.digitgan.core.config.GanConfig;
import io.digitgan.core.model.ImageGenerator;

/**
 * The generator's images for the run's fixed noise batch at the end of an epoch.
 *
 * @param epoch the epoch
 * @param pixels images × 28 × 28 values in [-1, 1], row-major
 * @param count number of images
 */
public record SampleGrid(int epoch, float[] pixels, int count) {

    /** Cells per row of a sample grid's PNG. */
    public static final int COLUMNS = 8;

    /**
     * Images in a run's sample grid: its {@code sampleCount}, or for a conditional model one row of
     * {@link #COLUMNS} per class (row k: class k, the same noise down each column).
     */
    public static int count(GanConfig config) {
        int classes = config.model().classes();
        return classes > 0 ? classes * COLUMNS : config.sampleCount();
    }

    /** Latent rows of a run's fixed noise: one per image, or for a conditional model one per column. */
    public static int noiseRows(GanConfig config) {
        return config.model().classes() > 0 ? COLUMNS : config.sampleCount();
    }

    /**
     * The grid of {@code generator} for the fixed {@code noise} ({@link #noiseRows} rows of latent
     * values): {@code count} images.
     */
    static SampleGrid of(int epoch, ImageGenerator generator, float[] noise, int count) {
        if (generator.classes() == 0) {
            return new SampleGrid(epoch, generator.generate(noise, count), count);
        }
        int latent = noise.length / COLUMNS;
        float[] columnNoise = new float[count * latent];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i / COLUMNS;
            System.arraycopy(noise, (i % COLUMNS) * latent, columnNoise, i * latent, latent);
        }
        return new SampleGrid(epoch, generator.generate(columnNoise, labels, count), count);
    }
}
