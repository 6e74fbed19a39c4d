package io.digitgan.core.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;

/**
 * Yields shuffled batches of images scaled to [-1, 1] into one reused direct buffer.
 *
 * <p>The order of epoch {@code e} depends only on the seed and {@code e}, so a run resumed at
 * epoch {@code e} sees the same batches as one that never stopped. The last partial batch is
 * dropped, as in the original recipe. Reusing one direct buffer matters: a fresh buffer per step
 * is freed only by the garbage collector, which seldom runs in a training loop.
 */
public final class BatchSampler {

    private final MnistDataset data;
    private final int batchSize;
    private final long seed;
    private final ByteBuffer buffer;
    private final float[] scratch;
    private final int[] labels;
    private int[] order = new int[0];
    private int position;

    public BatchSampler(MnistDataset data, int batchSize, long seed) {
        if (batchSize < 1 || batchSize > data.size()) {
            throw new IllegalArgumentException(
                    "batch size " + batchSize + " must be between 1 and the number of images (" + data.size() + ")");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.buffer = ByteBuffer.allocateDirect(batchSize * data.pixelsPerImage() * Float.BYTES)
                .order(ByteOrder.nativeOrder());
        this.scratch = new float[data.pixelsPerImage()];
        this.labels = new int[batchSize];
    }

    /** Full batches per epoch. */
    public int batchesPerEpoch() {
        return data.size() / batchSize;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Shuffles for epoch {@code epoch} (1-based) and rewinds. */
    public void startEpoch(int epoch) {
        order = permutation(data.size(), new Random(seed * 1_000_003L + epoch));
        position = 0;
    }

    public boolean hasNext() {
        return position + batchSize <= order.length;
    }

    /**
     * Fills the shared buffer with the next batch, NCHW floats, and returns it rewound. The buffer
     * is overwritten by the next call.
     */
    public ByteBuffer next() {
        if (!hasNext()) {
            throw new IllegalStateException("epoch is over: call startEpoch first");
        }
        FloatBuffer floats = buffer.clear().asFloatBuffer();
        for (int i = 0; i < batchSize; i++) {
            int index = order[position++];
            labels[i] = data.label(index);
            data.copyScaled(index, scratch, 0);
            floats.put(scratch);
        }
        return buffer.rewind();
    }

    /** The labels of the batch {@link #next()} returned last, in its order; overwritten by the next call. */
    public int[] labels() {
        return labels;
    }

    /** 0 .. n−1 in a random order (Fisher–Yates), the same order for the same generator state. */
    public static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
