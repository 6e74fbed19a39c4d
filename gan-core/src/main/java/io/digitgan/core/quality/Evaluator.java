package io.digitgan.core.quality;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.digitgan.core.data.MnistDataset;
import io.digitgan.core.model.ModelConfig;
import java.io.DataInputStream;
import java.io.IOException;

/** A trained evaluator, ready for inference: features and class probabilities of images. */
public final class Evaluator implements AutoCloseable {

    /** Images per forward pass: bounds memory whatever the number of images asked for. */
    static final int BATCH = 500;
    static final int PIXELS = ModelConfig.IMAGE_SIZE * ModelConfig.IMAGE_SIZE;

    private final NDManager manager;
    private final EvaluatorNet.Parts net;
    private final Device device;

    Evaluator(NDManager manager, EvaluatorNet.Parts net, Device device) {
        this.manager = manager;
        this.net = net;
        this.device = device;
    }

    /** Loads parameters saved by {@link EvaluatorTrainer}. */
    public static Evaluator load(DataInputStream parameters, Device device) throws IOException {
        NDManager manager = NDManager.newBaseManager(device);
        try {
            EvaluatorNet.Parts net = EvaluatorNet.build();
            net.whole().loadParameters(manager, parameters);
            net.whole().initialize(manager, DataType.FLOAT32, EvaluatorNet.input(1));
            return new Evaluator(manager, net, device);
        } catch (MalformedModelException | RuntimeException e) {
            manager.close();
            throw new IOException("the evaluator's parameters do not fit its network (EvaluatorNet): " + e.getMessage(), e);
        }
    }

    /** Features (count × 128) and class probabilities (count × 10) of images in [-1, 1]. */
    public record Outputs(float[] features, float[] probabilities, int count) {

        /** The first {@code n} images' outputs. */
        public Outputs first(int n) {
            if (n >= count) {
                return this;
            }
            return new Outputs(java.util.Arrays.copyOf(features, n * EvaluatorNet.FEATURES),
                    java.util.Arrays.copyOf(probabilities, n * EvaluatorNet.CLASSES), n);
        }

        void write(java.io.DataOutputStream out) throws IOException {
            out.writeInt(count);
            for (float f : features) {
                out.writeFloat(f);
            }
            for (float p : probabilities) {
                out.writeFloat(p);
            }
        }

        static Outputs read(DataInputStream in) throws IOException {
            int count = in.readInt();
            if (count < 2 || count > 1_000_000) {
                throw new IOException("not evaluator outputs: count " + count);
            }
            float[] features = new float[count * EvaluatorNet.FEATURES];
            float[] probabilities = new float[count * EvaluatorNet.CLASSES];
            for (int i = 0; i < features.length; i++) {
                features[i] = in.readFloat();
            }
            for (int i = 0; i < probabilities.length; i++) {
                probabilities[i] = in.readFloat();
            }
            return new Outputs(features, probabilities, count);
        }
    }

    public Outputs run(float[] images, int count) {
        if (images.length < (long) count * PIXELS) {
            throw new IllegalArgumentException("expected " + count + " images of 28×28, got " + images.length + " values");
        }
        float[] features = new float[count * EvaluatorNet.FEATURES];
        float[] probabilities = new float[count * EvaluatorNet.CLASSES];
        for (int start = 0; start < count; start += BATCH) {
            int n = Math.min(BATCH, count - start);
            float[] batch = new float[n * PIXELS];
            System.arraycopy(images, start * PIXELS, batch, 0, n * PIXELS);
            try (NDManager step = manager.newSubManager(device)) {
                NDArray x = step.create(batch, EvaluatorNet.input(n));
                ParameterStore store = new ParameterStore(step, false);
                NDArray f = net.features().forward(store, new NDList(x), false).singletonOrThrow();
                NDArray logits = net.head().forward(store, new NDList(f), false).singletonOrThrow();
                System.arraycopy(f.toFloatArray(), 0, features, start * EvaluatorNet.FEATURES, n * EvaluatorNet.FEATURES);
                System.arraycopy(logits.softmax(1).toFloatArray(), 0, probabilities, start * EvaluatorNet.CLASSES,
                        n * EvaluatorNet.CLASSES);
            }
        }
        return new Outputs(features, probabilities, count);
    }

    /** Share of {@code data}'s images whose most likely class is their label. */
    public double accuracy(MnistDataset data) {
        return accuracy(run(images(data, 0, data.size()), data.size()), data);
    }

    /** Share of {@code data}'s images whose most likely class in {@code outputs} (of all of them, in order) is their label. */
    static double accuracy(Outputs outputs, MnistDataset data) {
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            if (ClassCoverage.mostLikely(outputs.probabilities(), i, EvaluatorNet.CLASSES) == data.label(i)) {
                correct++;
            }
        }
        return (double) correct / data.size();
    }

    /** Images {@code order[from]} .. {@code order[from + count − 1]} of {@code data}, scaled to [-1, 1]. */
    static float[] images(MnistDataset data, int[] order, int from, int count) {
        float[] images = new float[count * PIXELS];
        for (int i = 0; i < count; i++) {
            data.copyScaled(order[from + i], images, i * PIXELS);
        }
        return images;
    }

    /** Images {@code from} .. {@code from + count − 1} of {@code data}, scaled to [-1, 1]. */
    static float[] images(MnistDataset data, int from, int count) {
        float[] images = new float[count * PIXELS];
        for (int i = 0; i < count; i++) {
            data.copyScaled(from + i, images, i * PIXELS);
        }
        return images;
    }

    @Override
    public void close() {
        manager.close();
    }
}
