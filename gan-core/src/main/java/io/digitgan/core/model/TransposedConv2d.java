package io.digitgan.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exact 2-D transposed convolution ("deconvolution") with "same" padding, output = input ×
 * stride, for DJL's PyTorch engine, which has none ({@code Conv2dTranspose} throws "Not
 * implemented").
 *
 * <p>The parameter is the full kernel, shaped (in, out, k, k) as in PyTorch's {@code
 * ConvTranspose2d}, so parameter counts and initialisation match the original model. In the
 * forward pass the s×s phase kernels are gathered from it with a constant 0/1 matrix (a matmul,
 * so gradients flow back to the one kernel), run as one ordinary convolution with s·s·out filters,
 * and interleaved by depth-to-space. For stride 1 this is the familiar "flip the kernel and swap its
 * in/out axes".
 */
public class TransposedConv2d extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int filters;
    private final PhaseLayout layout;
    private final Parameter kernel;
    /** The constant selection matrix (k·k, s·s·t·t), one per device, made on first use. */
    private final Map<Device, NDArray> selections = new ConcurrentHashMap<>();

    public TransposedConv2d(int filters, int kernelSize, int stride) {
        super(VERSION);
        if (filters < 1) {
            throw new IllegalArgumentException("filters must be positive, not " + filters);
        }
        this.filters = filters;
        this.layout = PhaseLayout.same(kernelSize, stride);
        kernel = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = parameterStore.getValue(kernel, x.getDevice(), training);
        NDManager local = x.getManager();
        long in = w.getShape().get(0);
        int k = layout.kernel;
        int s = layout.stride;
        int t = layout.taps();
        // ops on the parameter w go to the step's manager (see StepLocal)
        NDArray flat = StepLocal.attach(w.reshape(in * filters, (long) k * k), local);
        NDArray gathered = StepLocal.attach(flat.matMul(selection(w)), local);
        NDArray phaseKernels = StepLocal.attach(gathered.reshape(in, filters, s, s, t, t), local)
                .transpose(1, 2, 3, 0, 4, 5)
                .reshape((long) filters * s * s, in, t, t);
        int pad = layout.convPadding();
        NDArray phases = SafeConvolution.conv2d(x, phaseKernels, null, new Shape(1, 1), new Shape(pad, pad));
        long n = x.getShape().get(0);
        long h = x.getShape().get(2);
        long wd = x.getShape().get(3);
        return new NDList(phases.reshape(n, filters, s, s, h, wd)
                .transpose(0, 1, 4, 2, 5, 3)
                .reshape(n, filters, h * s, wd * s));
    }

    private NDArray selection(NDArray weight) {
        return selections.computeIfAbsent(weight.getDevice(), device -> {
            int k = layout.kernel;
            int s = layout.stride;
            int t = layout.taps();
            int columns = s * s * t * t;
            float[] matrix = new float[k * k * columns];
            for (int rh = 0; rh < s; rh++) {
                for (int rw = 0; rw < s; rw++) {
                    for (int th = 0; th < t; th++) {
                        for (int tw = 0; tw < t; tw++) {
                            int kh = layout.kernelIndex(rh, th);
                            int kw = layout.kernelIndex(rw, tw);
                            if (kh >= 0 && kw >= 0) {
                                int column = ((rh * s + rw) * t + th) * t + tw;
                                matrix[(kh * k + kw) * columns + column] = 1f;
                            }
                        }
                    }
                }
            }
            // owned by the weight's (long-lived) manager: made once, used every step
            return weight.getManager().create(matrix, new Shape(k * k, columns)).toType(DataType.FLOAT32, false);
        });
    }

    @Override
    protected void prepare(Shape[] inputs) {
        kernel.setShape(new Shape(inputs[0].get(1), filters, layout.kernel, layout.kernel));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        return new Shape[] {new Shape(in.get(0), filters, in.get(2) * layout.stride, in.get(3) * layout.stride)};
    }

    public int getFilters() {
        return filters;
    }

    public int getKernelSize() {
        return layout.kernel;
    }

    public int getStride() {
        return layout.stride;
    }

    /** Padding before the first input, as PyTorch's {@code padding} argument. */
    public int getPadding() {
        return layout.padBefore;
    }
}
