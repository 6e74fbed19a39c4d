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
    private final long featureSize;

    /** @param features images → flat features (N, {@code featureSize}), the size of each label's embedding */
    ProjectionDiscriminator(Block features, long featureSize) {
        super(VERSION);
        this.featureSize = featureSize;
        this.features = addChildBlock("features", features);
        this.head = addChildBlock("head", Linear.builder().setUnits(1).build());
        this.embedding = addChildBlock("embedding", Linear.builder().setUnits(featureSize).optBias(false).build());
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
        if (flat.get(1) != featureSize) {
            throw new IllegalStateException("the features have " + flat.get(1) + " values, the embeddings " + featureSize);
        }
        head.initialize(manager, dataType, flat);
        embedding.initialize(manager, dataType, inputShapes[1]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }
}
