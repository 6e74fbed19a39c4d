package io.digitgan.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    private static GaussianFit fit(double[] mean, double[][] covariance) {
        return new GaussianFit(mean, new DMatrixRMaj(covariance), 100);
    }

    /** For 2×2 M with positive eigenvalues, Tr √M = √(tr M + 2 √det M): a closed form for non-commuting Σ₁, Σ₂. */
    @Test
    void matchesTheClosedFormOfTwoNonCommutingGaussiansIn2d() {
        double[][] s1 = {{2.0, 0.6}, {0.6, 1.0}};
        double[][] s2 = {{0.5, -0.2}, {-0.2, 3.0}};
        GaussianFit a = fit(new double[] {1.0, -2.0}, s1);
        GaussianFit b = fit(new double[] {0.5, 1.0}, s2);
        DMatrixRMaj product = new DMatrixRMaj(2, 2);
        CommonOps_DDRM.mult(new DMatrixRMaj(s1), new DMatrixRMaj(s2), product);
        double traceOfRoot = Math.sqrt(CommonOps_DDRM.trace(product) + 2 * Math.sqrt(CommonOps_DDRM.det(product)));
        double expected = 0.25 + 9.0 + 3.0 + 3.5 - 2 * traceOfRoot;
        assertEquals(expected, FrechetDistance.between(a, b), 1e-10);
    }

    /** Diagonal covariances: Σ (μ₁ − μ₂)² + Σ (√a − √b)². */
    @Test
    void matchesTheClosedFormOfDiagonalGaussians() {
        int n = 50;
        Random random = new Random(3);
        double[] m1 = new double[n];
        double[] m2 = new double[n];
        double[][] c1 = new double[n][n];
        double[][] c2 = new double[n][n];
        double expected = 0;
        for (int i = 0; i < n; i++) {
            m1[i] = random.nextGaussian();
            m2[i] = random.nextGaussian();
            c1[i][i] = 0.1 + random.nextDouble() * 4;
            c2[i][i] = 0.1 + random.nextDouble() * 4;
            expected += Math.pow(m1[i] - m2[i], 2) + Math.pow(Math.sqrt(c1[i][i]) - Math.sqrt(c2[i][i]), 2);
        }
        assertEquals(expected, FrechetDistance.between(fit(m1, c1), fit(m2, c2)), 1e-9 * expected);
    }

    @Test
    void isSymmetricAndZeroForIdenticalGaussians() {
        GaussianFit a = randomFit(128, 1);
        GaussianFit b = randomFit(128, 2);
        double ab = FrechetDistance.between(a, b);
        double ba = FrechetDistance.between(b, a);
        assertEquals(ab, ba, 1e-9 * ab);
        assertEquals(0, FrechetDistance.between(a, a), 1e-8);
    }

    @Test
    void fitsOfSamplesApproachTheirGaussiansDistance() {
        Random random = new Random(7);
        int count = 40_000;
        float[] x = new float[count * 2];
        float[] y = new float[count * 2];
        for (int i = 0; i < count; i++) {
            x[2 * i] = (float) random.nextGaussian();
            x[2 * i + 1] = (float) random.nextGaussian();
            y[2 * i] = (float) (1 + 2 * random.nextGaussian()); // N(1, 4)
            y[2 * i + 1] = (float) (3 * random.nextGaussian()); // N(0, 9)
        }
        // 1 + (1 − 2)² + (1 − 3)² = 6
        assertEquals(6.0, FrechetDistance.between(GaussianFit.of(x, count, 2), GaussianFit.of(y, count, 2)), 0.15);
    }

    @Test
    void refusesFitsOfDifferentDimensions() {
        assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.between(randomFit(3, 1), randomFit(4, 1)));
    }

    /** A random covariance A Aᵀ/n + 0.01 I and a random mean. */
    static GaussianFit randomFit(int n, long seed) {
        Random random = new Random(seed);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int k = 0; k < a.data.length; k++) {
            a.data[k] = random.nextGaussian();
        }
        DMatrixRMaj covariance = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(a, a, covariance);
        CommonOps_DDRM.scale(1.0 / n, covariance);
        for (int i = 0; i < n; i++) {
            covariance.add(i, i, 0.01);
        }
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            mean[i] = random.nextGaussian();
        }
        return new GaussianFit(mean, covariance, 1000);
    }
}
