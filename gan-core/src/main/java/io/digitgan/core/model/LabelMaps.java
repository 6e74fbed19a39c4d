package io.digitgan.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Tells a discriminator the label on its input: images (N, C, H, W) and one-hot labels (N, K)
 * become (N, C + K, H, W), channel C + k all ones for class k and zeros elsewhere. No parameters.
 */
public final class LabelMaps extends AbstractBlock {

    private static final byte VERSION = 1;

    public LabelMaps() {
        super(VERSION);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray images = inputs.get(0);
        NDArray labels = inputs.get(1);
        Shape s = images.getShape();
        long classes = labels.getShape().get(1);
        NDArray maps = labels.reshape(s.get(0), classes, 1, 1).broadcast(new Shape(s.get(0), classes, s.get(2), s.get(3)));
        return new NDList(NDArrays.concat(new NDList(images, maps), 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        return new Shape[] {new Shape(s.get(0), s.get(1) + inputs[1].get(1), s.get(2), s.get(3))};
    }
}
