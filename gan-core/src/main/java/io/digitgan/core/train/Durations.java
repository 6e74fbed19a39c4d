package io.digitgan.core.train;

import java.util.Arrays;

/**
 * Durations in milliseconds, one per step, and their median (robust to the odd step a busy
 * machine stretches): a step profile phase's, and the current epoch's in {@link ProgressLogger}.
 */
public final class Durations {

    private double[] millis = new double[256];
    private int count;

    public void add(double ms) {
        if (count == millis.length) {
            millis = Arrays.copyOf(millis, count * 2);
        }
        millis[count++] = ms;
    }

    public void clear() {
        count = 0;
    }

    public int count() {
        return count;
    }

    public double totalMillis() {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += millis[i];
        }
        return sum;
    }

    /** The median, 0 when there is none yet. */
    public double medianMillis() {
        if (count == 0) {
            return 0;
        }
        double[] sorted = Arrays.copyOf(millis, count);
        Arrays.sort(sorted);
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
    }
}
