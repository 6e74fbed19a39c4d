package io.digitgan.core.quality;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How often a conditional generator draws the class it is asked for, as the evaluator reads it:
 * the share of images whose most likely class is the one asked, overall and per class.
 *
 * @param overall share over all images
 * @param byClass share among the images asked as each class (NaN for a class never asked)
 */
public record ClassAccuracy(double overall, double[] byClass) {

    /**
     * @param probabilities count × classes evaluator outputs
     * @param asked the class each image was drawn as
     */
    public static ClassAccuracy of(float[] probabilities, int[] asked, int count, int classes) {
        int[] right = new int[classes];
        int[] total = new int[classes];
        int correct = 0;
        for (int i = 0; i < count; i++) {
            total[asked[i]]++;
            if (ClassCoverage.mostLikely(probabilities, i, classes) == asked[i]) {
                right[asked[i]]++;
                correct++;
            }
        }
        double[] byClass = new double[classes];
        for (int c = 0; c < classes; c++) {
            byClass[c] = total[c] == 0 ? Double.NaN : (double) right[c] / total[c];
        }
        return new ClassAccuracy((double) correct / count, byClass);
    }

    /** The worst class's share. */
    public double lowest() {
        double low = 1;
        for (double share : byClass) {
            if (!Double.isNaN(share)) {
                low = Math.min(low, share);
            }
        }
        return low;
    }

    /** "0".."9" → share, rounded to 4 decimals for events; classes never asked are left out. */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int c = 0; c < byClass.length; c++) {
            if (!Double.isNaN(byClass[c])) {
                map.put(Integer.toString(c), Math.round(byClass[c] * 10_000) / 10_000.0);
            }
        }
        return map;
    }
}
