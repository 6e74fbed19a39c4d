package io.digitgan.core.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** MNIST score, class coverage and the Gaussian fit on outputs whose answers are known. */
class ScoresTest {

    /** count rows, row i a sure vote for class labels[i % labels.length]. */
    private static float[] sure(int count, int... labels) {
        float[] p = new float[count * 10];
        for (int i = 0; i < count; i++) {
            p[i * 10 + labels[i % labels.length]] = 1f;
        }
        return p;
    }

    @Test
    void mnistScoreIsTenForSureEvenlySpreadDigitsAndOneForCollapse() {
        assertEquals(10.0, MnistScore.of(sure(1000, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9), 1000, 10), 1e-9);
        assertEquals(1.0, MnistScore.of(sure(1000, 7), 1000, 10), 1e-9);
        assertEquals(2.0, MnistScore.of(sure(1000, 3, 8), 1000, 10), 1e-9);
    }

    @Test
    void mnistScoreIsOneWhenEveryImageIsUnsure() {
        float[] p = new float[100 * 10];
        java.util.Arrays.fill(p, 0.1f);
        assertEquals(1.0, MnistScore.of(p, 100, 10), 1e-6);
    }

    @Test
    void coverageCountsDigitsWithHalfTheirFairShare() {
        ClassCoverage even = ClassCoverage.of(sure(1000, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9), 1000, 10);
        assertEquals(10, even.digitsCovered());
        assertEquals(0.1, even.shares()[4], 1e-12);
        // 1 in 25 images is a 9: share 0.04 < 0.05, not covered; the ones take 0.96
        int[] labels = new int[25];
        java.util.Arrays.fill(labels, 1);
        labels[0] = 9;
        ClassCoverage skewed = ClassCoverage.of(sure(1000, labels), 1000, 10);
        assertEquals(1, skewed.digitsCovered());
        assertEquals(0.96, skewed.shares()[1], 1e-12);
        assertEquals(0.04, skewed.asMap().get("9"), 1e-12);
    }

    @Test
    void gaussianFitHasTheSampleMeanAndUnbiasedCovarianceAndSurvivesARoundTrip() throws IOException {
        float[] rows = {1, 2, 3, 4, 5, 9}; // three 2-d vectors
        GaussianFit fit = GaussianFit.of(rows, 3, 2);
        assertArrayEquals(new double[] {3, 5}, fit.mean(), 1e-12);
        assertEquals(4.0, fit.covariance().get(0, 0), 1e-12); // ((−2)² + 0 + 2²) / 2
        assertEquals(7.0, fit.covariance().get(0, 1), 1e-12); // ((−2)(−3) + 0 + 2·4) / 2
        assertEquals(13.0, fit.covariance().get(1, 1), 1e-12);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        fit.write(new DataOutputStream(bytes));
        GaussianFit back = GaussianFit.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertArrayEquals(fit.mean(), back.mean());
        assertArrayEquals(fit.covariance().data, back.covariance().data);
    }
}
