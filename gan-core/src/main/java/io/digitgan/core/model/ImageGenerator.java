package io.digitgan.core.model;

/** Draws images in [-1, 1] for latent vectors: a generator under evaluation. */
@FunctionalInterface
public interface ImageGenerator {

    /**
     * @return count × 28 × 28 values for count × latentSize noise values; a conditional generator
     *     draws the classes in turn (image i is of class i mod classes)
     */
    float[] generate(float[] noise, int count);

    /** The classes a conditional generator draws on request; 0 for an unconditional one. */
    default int classes() {
        return 0;
    }

    /** Image i of class {@code labels[i]}; only for a conditional generator. */
    default float[] generate(float[] noise, int[] labels, int count) {
        throw new UnsupportedOperationException("an unconditional generator cannot be asked for a class");
    }

    /** The labels {@link #generate(float[], int)} draws: 0, 1, …, classes − 1, 0, 1, …. */
    static int[] balancedLabels(int count, int classes) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
        }
        return labels;
    }
}
