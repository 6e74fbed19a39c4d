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

    public BlockGenerator(Block generator, NDManager manager, int latentSize) {
        this.generator = generator;
        this.manager = manager;
        this.latentSize = latentSize;
    }

    @Override
    public float[] generate(float[] noise, int count) {
        DjlEngine.noGradientsOnThisThread(); // request threads start with grad mode on: no history for inference
        try (NDManager step = manager.newSubManager()) {
            NDArray z = step.create(noise, new Shape(count, latentSize));
            return generator.forward(new ParameterStore(step, false), new NDList(z), false).singletonOrThrow()
                    .toFloatArray();
        }
    }
}
