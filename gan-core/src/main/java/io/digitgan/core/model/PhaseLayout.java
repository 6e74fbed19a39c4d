package io.digitgan.core.model;

/**
 * How a transposed convolution with stride s splits into s×s ordinary convolutions, one per
 * output phase, along one axis.
 *
 * <p>Transposed convolution scatters input h with kernel tap k to output i = s·h − p + k. For
 * output i = s·m + r (phase r), the inputs that reach it are h = m + d with tap k = r + p − s·d.
 * So each phase is a plain cross-correlation over inputs m + dMin .. m + dMax whose taps are a
 * fixed selection of the original kernel's (zero where k falls outside it).
 */
final class PhaseLayout {

    final int kernel;
    final int stride;
    final int padBefore;
    final int dMin;
    final int dMax;

    PhaseLayout(int kernel, int stride, int padBefore) {
        this.kernel = kernel;
        this.stride = stride;
        this.padBefore = padBefore;
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int r = 0; r < stride; r++) {
            lo = Math.min(lo, Math.floorDiv(r + padBefore - (kernel - 1) + stride - 1, stride));
            hi = Math.max(hi, Math.floorDiv(r + padBefore, stride));
        }
        this.dMin = lo;
        this.dMax = hi;
        if (-dMin != dMax) {
            throw new IllegalArgumentException(
                    "kernel " + kernel + ", stride " + stride + ", padding " + padBefore
                            + " needs asymmetric padding, which this block does not implement");
        }
    }

    /** "same" output size (input × stride), as PyTorch pads it: p = ceil((k − s) / 2). */
    static PhaseLayout same(int kernel, int stride) {
        if (kernel < stride) {
            throw new IllegalArgumentException("kernel " + kernel + " smaller than stride " + stride);
        }
        return new PhaseLayout(kernel, stride, (kernel - stride + 1) / 2);
    }

    /** Taps of each phase kernel. */
    int taps() {
        return dMax - dMin + 1;
    }

    /** Padding on each side of the phase convolutions. */
    int convPadding() {
        return dMax;
    }

    /** Index into the original kernel of tap {@code t} of phase {@code r}, or -1 where none. */
    int kernelIndex(int r, int t) {
        int k = r + padBefore - stride * (t + dMin);
        return k >= 0 && k < kernel ? k : -1;
    }
}
