package io.digitgan.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.digitgan.core.engine.DjlEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DcganModelsTest {

    @BeforeAll
    static void engine() {
        DjlEngine.start(2);
    }

    @Test
    void originalGeneratorHasTheKerasParameterCounts() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock g = DcganModels.generator(ModelConfig.original(1.0));
            g.initialize(manager, DataType.FLOAT32, new Shape(2, 100));
            DcganModels.ParameterCount count = DcganModels.count(g);
            assertEquals(2_305_472, count.trainable());
            assertEquals(2_330_944, count.total()); // + 25,472 BatchNorm moving statistics
        }
    }

    @Test
    void originalDiscriminatorHasTheKerasParameterCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block d = DcganModels.discriminator(ModelConfig.original(1.0));
            d.initialize(manager, DataType.FLOAT32, DcganModels.discriminatorInput(2));
            DcganModels.ParameterCount count = DcganModels.count(d);
            assertEquals(212_865, count.trainable());
            assertEquals(212_865, count.total());
        }
    }

    @Test
    void aConditionalModelAddsOnlyTheLabelInputsToTheParameterCounts() {
        ModelConfig projection = ModelConfig.original(1.0).withClasses(10, Conditioning.PROJECTION);
        ModelConfig maps = ModelConfig.original(1.0).withClasses(10, Conditioning.LABEL_MAPS);
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock g = DcganModels.generator(projection);
            g.initialize(manager, DataType.FLOAT32, DcganModels.generatorInput(projection, 2));
            assertEquals(2_305_472 + 10 * 7 * 7 * 256, DcganModels.count(g).trainable()); // the Dense layer's label rows
            Block dp = DcganModels.discriminator(projection);
            dp.initialize(manager, DataType.FLOAT32, DcganModels.discriminatorInputs(projection, 2));
            assertEquals(212_865 + 10 * 128 * 7 * 7, DcganModels.count(dp).trainable()); // one embedding per class
            Block dm = DcganModels.discriminator(maps);
            dm.initialize(manager, DataType.FLOAT32, DcganModels.discriminatorInputs(maps, 2));
            assertEquals(212_865 + 10 * 64 * 5 * 5, DcganModels.count(dm).trainable()); // ten more input channels
        }
    }

    @Test
    void aConditionalDiscriminatorsLogitDependsOnTheLabel() {
        for (Conditioning how : Conditioning.values()) {
            ModelConfig config = ModelConfig.original(0.25).withClasses(10, how);
            try (NDManager manager = NDManager.newBaseManager()) {
                Block d = DcganModels.discriminator(config);
                d.initialize(manager, DataType.FLOAT32, DcganModels.discriminatorInputs(config, 2));
                ParameterStore store = new ParameterStore(manager, false);
                NDArray images = manager.randomUniform(-1, 1, new Shape(2, 1, 28, 28));
                float[] asZero = d.forward(store, new NDList(images, oneHot(manager, 0, 0)), false).singletonOrThrow().toFloatArray();
                float[] asSeven = d.forward(store, new NDList(images, oneHot(manager, 7, 7)), false).singletonOrThrow().toFloatArray();
                assertEquals(2, asZero.length, how.id());
                assertTrue(Math.abs(asZero[0] - asSeven[0]) > 1e-6, how + ": the label changed nothing");
            }
        }
    }

    private static NDArray oneHot(NDManager manager, int first, int second) {
        return manager.create(OneHot.encode(new int[] {first, second}, 2, 10), new Shape(2, 10));
    }

    @Test
    void outputShapesAndRanges() {
        for (double width : new double[] {1.0, 0.25}) {
            ModelConfig config = ModelConfig.original(width);
            try (NDManager manager = NDManager.newBaseManager()) {
                SequentialBlock g = DcganModels.generator(config);
                Block d = DcganModels.discriminator(config);
                g.initialize(manager, DataType.FLOAT32, new Shape(3, 100));
                d.initialize(manager, DataType.FLOAT32, DcganModels.discriminatorInput(3));
                ParameterStore store = new ParameterStore(manager, false);
                NDArray z = manager.randomNormal(new Shape(5, 100)).mul(10); // large, to saturate tanh
                NDArray images = g.forward(store, new NDList(z), false).singletonOrThrow();
                assertEquals(new Shape(5, 1, 28, 28), images.getShape());
                assertTrue(images.max().getFloat() <= 1f && images.min().getFloat() >= -1f);
                assertTrue(images.max().getFloat() > images.min().getFloat(), "images are not constant");
                NDArray logits = d.forward(store, new NDList(images), false).singletonOrThrow();
                assertEquals(new Shape(5, 1), logits.getShape());
            }
        }
    }

    @Test
    void widthScalesChannels() {
        ModelConfig quarter = ModelConfig.original(0.25);
        assertEquals(64, quarter.channels(256));
        assertEquals(16, quarter.channels(64));
        assertEquals(1, ModelConfig.original(0.001).channels(64));
    }

    @Test
    void theDiscriminatorCanHaveItsOwnWidth() {
        // D at the original width beside a half-width G: exactly the original D
        ModelConfig config = ModelConfig.original(0.5).withWidths(0.5, 1.0);
        assertEquals(32, config.channels(64));
        assertEquals(64, config.discriminatorChannels(64));
        try (NDManager manager = NDManager.newBaseManager()) {
            Block d = DcganModels.discriminator(config);
            d.initialize(manager, DataType.FLOAT32, DcganModels.discriminatorInput(2));
            assertEquals(212_865, DcganModels.count(d).trainable());
        }
        assertEquals(0.5, ModelConfig.original(0.5).discriminatorScale(), "null: both at the width");
    }
}
