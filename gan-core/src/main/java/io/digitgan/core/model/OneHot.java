package io.digitgan.core.model;

/** Labels as one-hot rows, and a conditional generator's input rows: noise joined to them. */
public final class OneHot {

    private OneHot() {}

    /** count × classes values, row i all zeros but a one at {@code labels[i]}. */
    public static float[] encode(int[] labels, int count, int classes) {
        float[] rows = new float[count * classes];
        for (int i = 0; i < count; i++) {
            rows[i * classes + checked(labels[i], classes)] = 1f;
        }
        return rows;
    }

    /**
     * count rows of latentSize + classes values: each noise row, then its one-hot label (classes 0:
     * the noise itself).
     */
    public static float[] join(float[] noise, int[] labels, int count, int latentSize, int classes) {
        if (classes == 0) {
            return noise;
        }
        int width = latentSize + classes;
        float[] rows = new float[count * width];
        for (int i = 0; i < count; i++) {
            System.arraycopy(noise, i * latentSize, rows, i * width, latentSize);
            rows[i * width + latentSize + checked(labels[i], classes)] = 1f;
        }
        return rows;
    }

    private static int checked(int label, int classes) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label " + label + " is not a class 0.." + (classes - 1));
        }
        return label;
    }
}
