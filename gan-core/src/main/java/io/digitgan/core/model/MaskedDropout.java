package io.digitgan.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Inverted dropout, as DJL's {@code Dropout}: in training each input is zeroed with probability p
 * and the rest are scaled by 1/(1 − p); outside training it is the identity. The mask is drawn in
 * Java: libtorch draws dropout's Bernoulli mask with one Mersenne-Twister number per element, 1.9–17
 * ms per call on the discriminator's activations at batch 128 (a quarter of a width-0.25 step, see
 * docs/BENCHMARKS.md "Where a step's time goes"), while {@link SplittableRandom} gives four 16-bit
 * draws per 64-bit number: 0.2–2.2 ms with the copy into the engine.
 *
 * <p>p is applied as a multiple of 1/65536 (0.2 → 0.199997) and the scale uses that exact value, so
 * the expected output equals the input. The mask sequence is seeded ({@link #reseed}): the trainer
 * reseeds it every epoch so a resumed run drops the same units as one that never stopped. A
 * checkpoint holds the same bytes as for DJL's {@code Dropout} (version 2, input shapes).
 */
public final class MaskedDropout extends AbstractBlock {

    /** DJL's Dropout version: checkpoints written with either block load into both. */
    private static final byte VERSION = 2;
    private static final int LEVELS = 1 << 16;

    private final int threshold;
    private final float scale;
    private SplittableRandom random = new SplittableRandom(0);
    private byte[] mask = new byte[0];
    private ByteBuffer buffer = ByteBuffer.allocateDirect(0);

    public MaskedDropout(double rate) {
        super(VERSION);
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), not " + rate);
        }
        threshold = (int) Math.round(rate * LEVELS);
        scale = (float) LEVELS / (LEVELS - threshold);
    }

    /** The rate applied: the asked one as a multiple of 1/65536. */
    public double rate() {
        return (double) threshold / LEVELS;
    }

    /** Restarts the mask sequence from {@code seed}. */
    public void reseed(long seed) {
        random = new SplittableRandom(seed);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (!training || threshold == 0) {
            return inputs;
        }
        // DJL wraps a direct buffer without copying it (and toDevice(same device, copy) does not copy
        // either): the conversion to float copies the mask out before the buffer is drawn into
        // again, since autograd keeps the mask until the backward pass
        NDArray scaledKeep;
        try (NDArray view = x.getManager().create(drawMask((int) x.size()), x.getShape(), DataType.UINT8)) {
            scaledKeep = view.toType(x.getDataType(), false).toDevice(x.getDevice(), false).muli(scale);
        }
        return new NDList(x.mul(scaledKeep));
    }

    /** n bytes, each 1 with probability 1 − p, else 0, ready to copy into the engine. */
    private ByteBuffer drawMask(int n) {
        if (mask.length < n) {
            mask = new byte[n];
            buffer = ByteBuffer.allocateDirect(n).order(ByteOrder.nativeOrder());
        }
        int i = 0;
        while (i < n) {
            long bits = random.nextLong();
            for (int lane = 0; lane < 4 && i < n; lane++, i++) {
                int draw = (int) (bits >>> (16 * lane)) & 0xFFFF;
                mask[i] = (byte) (((draw - threshold) >>> 31) ^ 1); // 1 when draw >= threshold
            }
        }
        buffer.clear();
        buffer.put(mask, 0, n).flip();
        return buffer;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }
}
