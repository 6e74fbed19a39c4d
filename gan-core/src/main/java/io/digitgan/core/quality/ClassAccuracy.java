package io.digitgan.core.quality;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How often a conditional generator draws the class it is asked for, as the evaluator reads it:
 * the share of images whose most likely class is the one asked, overall and per class.
 *
 * @param overall share over all images
 * @param byClass share among the images asked as each class (NaN for a class never asked)
 * @param confusion for each class asked, the share of its images read as each class (a row of
 *     zeros for a class never asked); the diagonal is byClass
 */
public record ClassAccuracy(double overall, double[] byClass, double[][] confusion) {

    /**
     * @param probabilities count × classes evaluator outputs
     * @param asked the class each image was drawn as
     */
    public static ClassAccuracy of(float[] probabilities, int[] asked, int count, int classes) {
        int[][] read = new int[classes][classes];
        int[] total = new int[classes];
        int correct = 0;
        for (int i = 0; i < count; i++) {
            int as = ClassCoverage.mostLikely(probabilities, i, classes);
            total[asked[i]]++;
            read[asked[i]][as]++;
            if (as == asked[i]) {
                correct++;
            }
        }
        double[] byClass = new double[classes];
        double[][] confusion = new double[classes][classes];
        for (int c = 0; c < classes; c++) {
            byClass[c] = total[c] == 0 ? Double.NaN : (double) read[c][c] / total[c];
            for (int r = 0; r < classes; r++) {
                confusion[c][r] = total[c] == 0 ? 0 : (double) read[c][r] / total[c];
            }
        }
        return new ClassAccuracy((double) correct / count, byClass, confusion);
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

    /**
     * Asked "0".."9" → (read "0".."9" → share), rounded to 4 decimals for events, the zero shares
     * left out; classes never asked are left out.
     */
    public Map<String, Map<String, Double>> confusionMap() {
        Map<String, Map<String, Double>> map = new LinkedHashMap<>();
        for (int c = 0; c < confusion.length; c++) {
            if (Double.isNaN(byClass[c])) {
                continue;
            }
            Map<String, Double> row = new LinkedHashMap<>();
            for (int r = 0; r < confusion[c].length; r++) {
                if (confusion[c][r] > 0) {
                    row.put(Integer.toString(r), Math.round(confusion[c][r] * 10_000) / 10_000.0);
                }
            }
            map.put(Integer.toString(c), row);
        }
        return map;
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
