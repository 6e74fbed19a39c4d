package io.digitgan.cli;

import io.digitgan.core.image.PngGrid;
import io.digitgan.core.model.ImageGenerator;
import io.digitgan.core.model.ModelConfig;
import java.util.Arrays;
import java.util.Random;

/**
 * One PNG of 64 samples (8 × 8) of a raw generator and, to its right past a blank column, the
 * same noise through the averaged generator: where the average helps, it shows.
 */
final class SideBySide {

    static final int SAMPLES = 64;
    private static final int SIDE = 8;
    private static final int PIXELS = ModelConfig.IMAGE_SIZE * ModelConfig.IMAGE_SIZE;

    private SideBySide() {}

    /** @param averaged null for a checkpoint without an average: the raw grid alone */
    static byte[] png(ImageGenerator raw, ImageGenerator averaged, int latentSize, long seed) {
        Random random = new Random(seed);
        float[] noise = new float[SAMPLES * latentSize];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) random.nextGaussian();
        }
        float[] left = raw.generate(noise, SAMPLES);
        if (averaged == null) {
            return PngGrid.encode(left, SAMPLES, ModelConfig.IMAGE_SIZE, SIDE, 2);
        }
        float[] right = averaged.generate(noise, SAMPLES);
        int columns = 2 * SIDE + 1;
        float[] cells = new float[SIDE * columns * PIXELS];
        Arrays.fill(cells, -1f); // the blank column between the halves
        for (int row = 0; row < SIDE; row++) {
            for (int col = 0; col < SIDE; col++) {
                int sample = row * SIDE + col;
                System.arraycopy(left, sample * PIXELS, cells, (row * columns + col) * PIXELS, PIXELS);
                System.arraycopy(right, sample * PIXELS, cells, (row * columns + SIDE + 1 + col) * PIXELS, PIXELS);
            }
        }
        return PngGrid.encode(cells, SIDE * columns, ModelConfig.IMAGE_SIZE, columns, 2);
    }
}
