package io.digitgan.core.testing;

/**
 * Plain-Java definitions, written for clarity, that the engine's results are checked against.
 * Arrays are row-major NCHW; transposed-convolution kernels are (in, out, k, k), convolution
 * kernels (out, in, k, k).
 */
public final class Reference {

    private Reference() {}

    /** Transposed convolution by its definition: input h scatters to output s·h − p + k. */
    public static float[] transposedConv(
            float[] x, int n, int cin, int h, int w, float[] kernel, int cout, int k, int s, int p) {
        int oh = h * s;
        int ow = w * s;
        float[] y = new float[n * cout * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < cin; c++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        float v = x[((b * cin + c) * h + i) * w + j];
                        for (int o = 0; o < cout; o++) {
                            for (int kh = 0; kh < k; kh++) {
                                int yi = s * i - p + kh;
                                if (yi < 0 || yi >= oh) {
                                    continue;
                                }
                                for (int kw = 0; kw < k; kw++) {
                                    int yj = s * j - p + kw;
                                    if (yj < 0 || yj >= ow) {
                                        continue;
                                    }
                                    y[((b * cout + o) * oh + yi) * ow + yj] += v * kernel[((c * cout + o) * k + kh) * k + kw];
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    /** Gradient of sum(transposedConv(x) · g) with respect to x. */
    public static float[] transposedConvInputGrad(
            float[] g, int n, int cin, int h, int w, float[] kernel, int cout, int k, int s, int p) {
        int oh = h * s;
        int ow = w * s;
        float[] dx = new float[n * cin * h * w];
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < cin; c++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        float sum = 0;
                        for (int o = 0; o < cout; o++) {
                            for (int kh = 0; kh < k; kh++) {
                                int yi = s * i - p + kh;
                                for (int kw = 0; kw < k; kw++) {
                                    int yj = s * j - p + kw;
                                    if (yi >= 0 && yi < oh && yj >= 0 && yj < ow) {
                                        sum += g[((b * cout + o) * oh + yi) * ow + yj] * kernel[((c * cout + o) * k + kh) * k + kw];
                                    }
                                }
                            }
                        }
                        dx[((b * cin + c) * h + i) * w + j] = sum;
                    }
                }
            }
        }
        return dx;
    }

    /** Gradient of sum(transposedConv(x) · g) with respect to the kernel. */
    public static float[] transposedConvKernelGrad(
            float[] x, float[] g, int n, int cin, int h, int w, int cout, int k, int s, int p) {
        int oh = h * s;
        int ow = w * s;
        float[] dk = new float[cin * cout * k * k];
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < cin; c++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        float v = x[((b * cin + c) * h + i) * w + j];
                        for (int o = 0; o < cout; o++) {
                            for (int kh = 0; kh < k; kh++) {
                                int yi = s * i - p + kh;
                                for (int kw = 0; kw < k; kw++) {
                                    int yj = s * j - p + kw;
                                    if (yi >= 0 && yi < oh && yj >= 0 && yj < ow) {
                                        dk[((c * cout + o) * k + kh) * k + kw] += v * g[((b * cout + o) * oh + yi) * ow + yj];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return dk;
    }

    /** Gradient of sum(conv(x) · g) with respect to x, for a zero-padded strided convolution. */
    public static float[] convInputGrad(
            float[] g, int n, int cin, int h, int w, float[] kernel, int cout, int k, int s, int p) {
        int oh = (h + 2 * p - k) / s + 1;
        int ow = (w + 2 * p - k) / s + 1;
        float[] dx = new float[n * cin * h * w];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < cout; o++) {
                for (int yi = 0; yi < oh; yi++) {
                    for (int yj = 0; yj < ow; yj++) {
                        float gv = g[((b * cout + o) * oh + yi) * ow + yj];
                        for (int c = 0; c < cin; c++) {
                            for (int kh = 0; kh < k; kh++) {
                                int i = yi * s - p + kh;
                                for (int kw = 0; kw < k; kw++) {
                                    int j = yj * s - p + kw;
                                    if (i >= 0 && i < h && j >= 0 && j < w) {
                                        dx[((b * cin + c) * h + i) * w + j] += gv * kernel[((o * cin + c) * k + kh) * k + kw];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    public static float maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            float d = Math.abs(a[i] - b[i]);
            if (!(d <= max)) {
                max = Float.isNaN(d) ? Float.NaN : d;
                if (Float.isNaN(d)) {
                    return d;
                }
            }
        }
        return max;
    }

    public static float[] random(java.util.Random random, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }
}
