package io.digitgan.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A conditional discriminator by projection (Miyato and Koyama, "cGANs with Projection
 * Discriminator", 2018): the unconditional logit of the features h, plus the dot product of h with
 * an embedding of the label. Inputs: images (N, 1, 28, 28) and one-hot labels (N, classes); output:
 * logits (N, 1). With the embedding at zero it is the report's discriminator.
 */
public final class ProjectionDiscriminator extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block features;
    private final Block head;
    private final Block embedding;

    /** @param features images → flat features (N, F); the label embedding gets F units */
    ProjectionDiscriminator(Block features) {
        super(VERSION);
        this.features = addChildBlock("features", features);
        this.head = addChildBlock("head", Linear.builder().setUnits(1).build());
        // units are set in initializeChildBlocks, once F is known
        this.embedding = addChildBlock("embedding", new LazyLinear());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = features.forward(store, new NDList(inputs.get(0)), training).singletonOrThrow();
        NDArray logit = head.forward(store, new NDList(h), training).singletonOrThrow();
        NDArray projected = embedding.forward(store, new NDList(inputs.get(1)), training).singletonOrThrow();
        return new NDList(logit.add(h.mul(projected).sum(new int[] {1}, true)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        features.initialize(manager, dataType, inputShapes[0]);
        Shape flat = features.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        head.initialize(manager, dataType, flat);
        ((LazyLinear) embedding).units = flat.get(1);
        embedding.initialize(manager, dataType, inputShapes[1]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    /** A bias-free linear map whose unit count is set just before initialisation. */
    static final class LazyLinear extends AbstractBlock {

        private final ai.djl.nn.Parameter weight;
        long units;

        LazyLinear() {
            super((byte) 1);
            weight = addParameter(ai.djl.nn.Parameter.builder().setName("weight")
                    .setType(ai.djl.nn.Parameter.Type.WEIGHT).build());
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray w = store.getValue(weight, x.getDevice(), training);
            return new NDList(x.getNDArrayInternal().linear(x, w, null).singletonOrThrow());
        }

        @Override
        protected void prepare(Shape[] inputs) {
            weight.setShape(new Shape(units, inputs[0].get(1)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            return new Shape[] {new Shape(inputs[0].get(0), units)};
        }
    }
}
