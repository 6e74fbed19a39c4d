package io.digitgan.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.digitgan.core.engine.DjlEngine;

/**
 * A loaded generator block as an {@link ImageGenerator}, in inference mode: the one inference path of
 * the trainer's sample grids and quality figures, the generator service and the evaluate command.
 */
public final class BlockGenerator implements ImageGenerator {

    private final Block generator;
    private final NDManager manager;
    private final int latentSize;
    private final int classes;

    /** The generator of {@code model} (conditional or not). */
    public BlockGenerator(Block generator, NDManager manager, ModelConfig model) {
        this.generator = generator;
        this.manager = manager;
        this.latentSize = model.latentSize();
        this.classes = model.classes();
    }

    /** An unconditional generator. */
    public BlockGenerator(Block generator, NDManager manager, int latentSize) {
        this.generator = generator;
        this.manager = manager;
        this.latentSize = latentSize;
        this.classes = 0;
    }

    @Override
    public float[] generate(float[] noise, int count) {
        if (classes > 0) {
            return generate(noise, ImageGenerator.balancedLabels(count, classes), count);
        }
        return forward(noise, count);
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public float[] generate(float[] noise, int[] labels, int count) {
        if (classes == 0) {
            return ImageGenerator.super.generate(noise, labels, count);
        }
        return forward(OneHot.join(noise, labels, count, latentSize, classes), count);
    }

    /**
     * Runs the block on {@code count} input rows as they are: noise, joined to one-hot labels
     * ({@link OneHot#join}) for a conditional model, or to any mix of them (an interpolation
     * between two classes).
     */
    public float[] forward(float[] rows, int count) {
        DjlEngine.noGradientsOnThisThread(); // request threads start with grad mode on: no history for inference
        try (NDManager step = manager.newSubManager()) {
            NDArray z = step.create(rows, new Shape(count, latentSize + classes));
            return generator.forward(new ParameterStore(step, false), new NDList(z), false).singletonOrThrow()
                    .toFloatArray();
        }
    }
}
