package io.digitgan.core.quality;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Mean and covariance (unbiased, n − 1) of feature vectors: the Gaussian a Fréchet distance
 * compares.
 */
public record GaussianFit(double[] mean, DMatrixRMaj covariance, int count) {

    /** Fits {@code count} vectors of {@code dim} values stored one after another in {@code rows}. */
    public static GaussianFit of(float[] rows, int count, int dim) {
        if (count < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 vectors, got " + count);
        }
        if (rows.length < (long) count * dim) {
            throw new IllegalArgumentException("expected " + count + " × " + dim + " values, got " + rows.length);
        }
        double[] mean = new double[dim];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < dim; j++) {
                mean[j] += rows[i * dim + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= count;
        }
        DMatrixRMaj centred = new DMatrixRMaj(count, dim);
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < dim; j++) {
                centred.unsafe_set(i, j, rows[i * dim + j] - mean[j]);
            }
        }
        DMatrixRMaj covariance = new DMatrixRMaj(dim, dim);
        CommonOps_DDRM.multTransA(centred, centred, covariance);
        CommonOps_DDRM.scale(1.0 / (count - 1), covariance);
        return new GaussianFit(mean, covariance, count);
    }

    public int dimension() {
        return mean.length;
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(dimension());
        out.writeInt(count);
        for (double m : mean) {
            out.writeDouble(m);
        }
        for (double c : covariance.data) {
            out.writeDouble(c);
        }
    }

    public static GaussianFit read(DataInputStream in) throws IOException {
        int dim = in.readInt();
        int count = in.readInt();
        if (dim < 1 || dim > 4096 || count < 2) {
            throw new IOException("not a Gaussian fit: dimension " + dim + ", count " + count);
        }
        double[] mean = new double[dim];
        for (int j = 0; j < dim; j++) {
            mean[j] = in.readDouble();
        }
        DMatrixRMaj covariance = new DMatrixRMaj(dim, dim);
        for (int k = 0; k < dim * dim; k++) {
            covariance.data[k] = in.readDouble();
        }
        return new GaussianFit(mean, covariance, count);
    }
}
