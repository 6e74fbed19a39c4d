package io.digitgan.core.quality;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the samples spread over the digits, by the evaluator's most likely label. A collapsed
 * generator draws a few digits only: they take large shares and the others fall below half their
 * fair share.
 *
 * @param shares share of each digit, summing to 1
 * @param digitsCovered digits whose share is at least half of 1/classes
 */
public record ClassCoverage(double[] shares, int digitsCovered) {

    public static ClassCoverage of(float[] probabilities, int count, int classes) {
        double[] shares = new double[classes];
        for (int i = 0; i < count; i++) {
            shares[mostLikely(probabilities, i, classes)]++;
        }
        int covered = 0;
        for (int c = 0; c < classes; c++) {
            shares[c] /= count;
            if (shares[c] >= 0.5 / classes) {
                covered++;
            }
        }
        return new ClassCoverage(shares, covered);
    }

    /** The class of row {@code row} with the highest probability (the first of equals). */
    public static int mostLikely(float[] probabilities, int row, int classes) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (probabilities[row * classes + c] > probabilities[row * classes + best]) {
                best = c;
            }
        }
        return best;
    }

    /** "0".."9" → share, rounded to 4 decimals for events. */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int c = 0; c < shares.length; c++) {
            map.put(Integer.toString(c), Math.round(shares[c] * 10_000) / 10_000.0);
        }
        return map;
    }
}
