package io.digitgan.core.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.XavierInitializer;

/**
 * The generator and discriminator of the original report (the README's "The model"), at any width.
 *
 * <pre>
 * G: z(100) → Dense(7·7·256, no bias) → BN → LReLU → (256,7,7)
 *    → ConvT(128,k5,s1) → BN → LReLU → ConvT(64,k5,s2) → BN → LReLU → ConvT(1,k5,s2) → tanh
 * D: (1,28,28) → Conv(64,k5,s2) → LReLU → Dropout → Conv(128,k5,s2) → LReLU → Dropout
 *    → Flatten → Dense(1) (a logit)
 * </pre>
 *
 * <p>A conditional model ({@link ModelConfig#classes()} &gt; 0) joins a one-hot label to G's noise
 * (the Dense layer then has latent + classes inputs) and tells D the label, by projection or label maps.
 */
public final class DcganModels {

    static final int KERNEL = 5;
    static final int START_SIZE = ModelConfig.IMAGE_SIZE / 4;

    private DcganModels() {}

    public static SequentialBlock generator(ModelConfig config) {
        int c0 = config.channels(256);
        int c1 = config.channels(128);
        int c2 = config.channels(64);
        float slope = (float) config.leakySlope();
        SequentialBlock g = new SequentialBlock();
        g.add(Linear.builder().setUnits((long) c0 * START_SIZE * START_SIZE).optBias(false).build())
                .add(batchNorm(config))
                .add(Activation.leakyReluBlock(slope))
                .add(new LambdaBlock(
                        list -> new NDList(list.singletonOrThrow().reshape(-1, c0, START_SIZE, START_SIZE)),
                        "reshape"))
                .add(new TransposedConv2d(c1, KERNEL, 1))
                .add(batchNorm(config))
                .add(Activation.leakyReluBlock(slope))
                .add(new TransposedConv2d(c2, KERNEL, 2))
                .add(batchNorm(config))
                .add(Activation.leakyReluBlock(slope))
                .add(new TransposedConv2d(1, KERNEL, 2))
                .add(Activation.tanhBlock());
        g.setInitializer(glorotUniform(), Parameter.Type.WEIGHT);
        return g;
    }

    /**
     * The report's discriminator; for a conditional model it also takes one-hot labels (N, classes)
     * as its second input, by projection or as label maps on the image (the config's conditioning).
     */
    public static Block discriminator(ModelConfig config) {
        SequentialBlock features = new SequentialBlock();
        if (config.conditional() && config.conditioning() == Conditioning.LABEL_MAPS) {
            features.add(new LabelMaps());
        }
        int c1 = config.discriminatorChannels(64);
        int c2 = config.discriminatorChannels(128);
        float slope = (float) config.leakySlope();
        features.add(new Conv2dBlock(c1, KERNEL, 2, true))
                .add(Activation.leakyReluBlock(slope))
                .add(new MaskedDropout(config.dropout()))
                .add(new Conv2dBlock(c2, KERNEL, 2, true))
                .add(Activation.leakyReluBlock(slope))
                .add(new MaskedDropout(config.dropout()))
                .add(Blocks.batchFlattenBlock());
        Block d;
        if (config.conditional() && config.conditioning() == Conditioning.PROJECTION) {
            d = new ProjectionDiscriminator(features, (long) c2 * START_SIZE * START_SIZE); // two stride-2 convolutions: 28 → 7
        } else {
            d = features.add(Linear.builder().setUnits(1).build());
        }
        d.setInitializer(glorotUniform(), Parameter.Type.WEIGHT);
        return d;
    }

    /**
     * Restarts the discriminator's dropout masks from {@code seed} (each dropout layer from its own
     * stream): the trainer calls it at every epoch's start, with the engine's seed.
     */
    public static void reseedDropout(Block discriminator, long seed) {
        long layer = 0;
        for (MaskedDropout dropout : dropoutLayers(discriminator, new java.util.ArrayList<>())) {
            dropout.reseed(seed * 1_000_003L + layer++);
        }
    }

    /** The dropout layers of a block and its children, depth first, in order. */
    private static java.util.List<MaskedDropout> dropoutLayers(Block block, java.util.List<MaskedDropout> found) {
        for (Block child : block.getChildren().values()) {
            if (child instanceof MaskedDropout dropout) {
                found.add(dropout);
            } else {
                dropoutLayers(child, found);
            }
        }
        return found;
    }

    /** The generator's input rows: the noise, joined to the one-hot label for a conditional model. */
    public static Shape generatorInput(ModelConfig config, long batch) {
        return new Shape(batch, config.generatorInputSize());
    }

    public static Shape discriminatorInput(long batch) {
        return new Shape(batch, 1, ModelConfig.IMAGE_SIZE, ModelConfig.IMAGE_SIZE);
    }

    /** The discriminator's inputs: images, and one-hot labels for a conditional model. */
    public static Shape[] discriminatorInputs(ModelConfig config, long batch) {
        return config.conditional()
                ? new Shape[] {discriminatorInput(batch), new Shape(batch, config.classes())}
                : new Shape[] {discriminatorInput(batch)};
    }

    /** Keras' default kernel initialiser. */
    private static XavierInitializer glorotUniform() {
        return new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3);
    }

    /** Keras' BatchNormalization: DJL passes 1 − momentum to PyTorch, so Keras' 0.99 stays 0.99. */
    private static Block batchNorm(ModelConfig config) {
        return BatchNorm.builder()
                .optMomentum((float) config.batchNormMomentum())
                .optEpsilon((float) config.batchNormEpsilon())
                .build();
    }

    /** Counts parameter values: trainable ones, and all (with BatchNorm's moving statistics). */
    public static ParameterCount count(Block block) {
        long trainable = 0;
        long all = 0;
        for (Parameter p : block.getParameters().values()) {
            long size = p.getArray().getShape().size();
            all += size;
            if (p.requiresGradient()) {
                trainable += size;
            }
        }
        return new ParameterCount(trainable, all);
    }

    /** How many parameter values a block has. */
    public record ParameterCount(long trainable, long total) {}
}
