package io.digitgan.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A 2-D convolution that works around a libtorch 2.7.1 CPU bug.
 *
 * <p>On AVX-512 CPUs, oneDNN 3.7.1 computes a wrong gradient with respect to a convolution's
 * <em>input</em> (off by about 1, sometimes NaN) when the number of output channels is not a
 * multiple of 16; this is what made an early prototype's losses go NaN. Zero filters are appended
 * up to the next multiple of 16 and the extra output channels are sliced away: the function and
 * all its gradients are unchanged, and the bad kernel path is never taken. GPUs do not need it.
 */
public final class SafeConvolution {

    static final int CHANNEL_MULTIPLE = 16;
    private static final Shape NO_DILATION = new Shape(1, 1);

    private SafeConvolution() {}

    /**
     * Cross-correlates {@code input} (N, C, H, W) with {@code weight} (F, C, kH, kW).
     *
     * @param bias (F), or null
     * @return (N, F, H', W'), owned by the input's manager
     */
    public static NDArray conv2d(NDArray input, NDArray weight, NDArray bias, Shape stride, Shape padding) {
        long filters = weight.getShape().get(0);
        long padded = roundUp(filters);
        NDArray output;
        if (padded == filters || input.getDevice().isGpu()) {
            output = Conv2d.conv2d(input, weight, null, stride, padding, NO_DILATION).singletonOrThrow();
        } else {
            Shape zerosShape = new Shape(padded - filters).addAll(weight.getShape().slice(1));
            NDArray zeros = input.getManager().zeros(zerosShape, weight.getDataType(), weight.getDevice());
            NDArray paddedWeight = StepLocal.attach(NDArrays.concat(new NDList(weight, zeros), 0), input.getManager());
            NDArray full = Conv2d.conv2d(input, paddedWeight, null, stride, padding, NO_DILATION).singletonOrThrow();
            output = full.get(new NDIndex(":, 0:{}", filters));
        }
        if (bias != null) {
            output = output.add(StepLocal.attach(bias.reshape(1, filters, 1, 1), input.getManager()));
        }
        return output;
    }

    static long roundUp(long channels) {
        return (channels + CHANNEL_MULTIPLE - 1) / CHANNEL_MULTIPLE * CHANNEL_MULTIPLE;
    }
}
