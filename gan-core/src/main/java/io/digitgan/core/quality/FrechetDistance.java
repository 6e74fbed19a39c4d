package io.digitgan.core.quality;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Fréchet distance between two Gaussians: |μ₁ − μ₂|² + Tr(Σ₁ + Σ₂ − 2 (Σ₁Σ₂)^½).
 *
 * <p>Σ₁Σ₂ is not symmetric, but Tr((Σ₁Σ₂)^½) = Tr((Σ₁^½ Σ₂ Σ₁^½)^½), whose argument is symmetric
 * positive semi-definite: two symmetric eigendecompositions (EJML) give it exactly, where a
 * general matrix square root would return complex parts from rounding. Eigenvalues a hair below
 * zero (rounding) count as zero.
 */
public final class FrechetDistance {

    private FrechetDistance() {}

    public static double between(GaussianFit a, GaussianFit b) {
        if (a.dimension() != b.dimension()) {
            throw new IllegalArgumentException(
                    "fits of different dimension: " + a.dimension() + " and " + b.dimension());
        }
        double meanTerm = 0;
        for (int j = 0; j < a.dimension(); j++) {
            double d = a.mean()[j] - b.mean()[j];
            meanTerm += d * d;
        }
        DMatrixRMaj rootA = symmetricSquareRoot(a.covariance());
        DMatrixRMaj temp = new DMatrixRMaj(rootA.numRows, rootA.numCols);
        DMatrixRMaj inner = new DMatrixRMaj(rootA.numRows, rootA.numCols);
        CommonOps_DDRM.mult(rootA, b.covariance(), temp);
        CommonOps_DDRM.mult(temp, rootA, inner);
        symmetrise(inner);
        double traceOfRoot = 0;
        for (double eigenvalue : symmetricEigenvalues(inner)) {
            traceOfRoot += Math.sqrt(Math.max(eigenvalue, 0));
        }
        double distance = meanTerm + CommonOps_DDRM.trace(a.covariance()) + CommonOps_DDRM.trace(b.covariance())
                - 2 * traceOfRoot;
        return Math.max(distance, 0); // tiny negative values are rounding
    }

    /** V diag(√λ) Vᵀ of a symmetric positive semi-definite matrix. */
    static DMatrixRMaj symmetricSquareRoot(DMatrixRMaj m) {
        int n = m.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(m.copy())) {
            throw new ArithmeticException("eigendecomposition of a " + n + "×" + n + " covariance failed");
        }
        DMatrixRMaj root = new DMatrixRMaj(n, n);
        for (int k = 0; k < n; k++) {
            double s = Math.sqrt(Math.max(eig.getEigenvalue(k).getReal(), 0));
            DMatrixRMaj v = eig.getEigenVector(k);
            for (int i = 0; i < n; i++) {
                double vi = v.get(i) * s;
                for (int j = 0; j < n; j++) {
                    root.add(i, j, vi * v.get(j));
                }
            }
        }
        return root;
    }

    private static double[] symmetricEigenvalues(DMatrixRMaj m) {
        int n = m.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(m.copy())) {
            throw new ArithmeticException("eigendecomposition of a " + n + "×" + n + " matrix failed");
        }
        double[] values = new double[n];
        for (int k = 0; k < n; k++) {
            values[k] = eig.getEigenvalue(k).getReal();
        }
        return values;
    }

    private static void symmetrise(DMatrixRMaj m) {
        for (int i = 0; i < m.numRows; i++) {
            for (int j = i + 1; j < m.numCols; j++) {
                double mean = (m.get(i, j) + m.get(j, i)) / 2;
                m.set(i, j, mean);
                m.set(j, i, mean);
            }
        }
    }
}
